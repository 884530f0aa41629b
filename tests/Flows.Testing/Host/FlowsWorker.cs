using Flows.Host.Plugins.Isolation;
using Flows.Testing;

namespace Flows.Testing;

/// <summary>How the host starts plugin workers from this build: <c>dotnet flows.dll __plugin-worker …</c>.</summary>
public static class FlowsWorker
{
    public static PluginWorkerStart Start => new("dotnet", [FlowsCommand.EntryAssembly]);
}
