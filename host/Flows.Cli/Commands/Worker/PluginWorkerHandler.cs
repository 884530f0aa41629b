using Flows.Host.Hosting;
using Flows.Host.Plugins.Isolation;

namespace Flows.Cli.Commands.Worker;

/// <summary>
/// Runs a plugin worker. Standard output carries only the worker's protocol, so whatever the plugin
/// prints goes to standard error; the worker builds its own small composition root (plugins only:
/// no account store, no web host) instead of the one the other commands share, with the settings its
/// host put in its environment (a confined worker may not read flows.json).
/// </summary>
internal static class PluginWorkerHandler
{
    public static Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var protocol = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return PluginWorker.RunAsync(arguments, FlowsConfiguration.FromEnvironment(), Console.OpenStandardInput(), protocol, cancellationToken);
    }
}
