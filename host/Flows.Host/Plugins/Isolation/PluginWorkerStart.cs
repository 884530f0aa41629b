namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The command line that starts a plugin worker: an executable and the arguments that come before
/// the worker's own (<see cref="PluginWorker.CommandName"/>, the plugin folder, …).
/// </summary>
public sealed record PluginWorkerStart(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Set to <c>1</c>, flows runs plugin code in its own process (to debug a connector in it).</summary>
    public const string InProcessVariable = "FLOWS_PLUGINS_IN_PROCESS";

    /// <summary>
    /// This program again: its own executable, or <c>dotnet</c> with the entry assembly when it was
    /// started as <c>dotnet flows.dll</c>. Null when neither can be found.
    /// </summary>
    public static PluginWorkerStart? ForThisProgram()
    {
        var process = Environment.ProcessPath;
        if (process is null)
        {
            return null;
        }

        var isDotnetHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (!isDotnetHost)
        {
            return new PluginWorkerStart(process, []);
        }

        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return string.IsNullOrEmpty(entry) ? null : new PluginWorkerStart(process, [entry]);
    }
}
