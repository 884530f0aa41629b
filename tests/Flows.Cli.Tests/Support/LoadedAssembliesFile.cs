namespace Flows.Cli.Tests.Support;

/// <summary>Runs flows with <see cref="StartupHook"/> and reads back which assemblies its process loaded.</summary>
public static class LoadedAssembliesFile
{
    /// <summary>Where the hook writes the names (one a line); unset, the hook does nothing.</summary>
    public const string Variable = "FLOWS_TEST_LOADED_ASSEMBLIES_FILE";

    /// <summary>Runs <c>flows args…</c> with the hook and returns the run and the names of the assemblies it loaded.</summary>
    public static async Task<(CliRun Run, IReadOnlyList<string> Assemblies)> RunAsync(string home, string file, params string[] args)
    {
        var run = await FlowsCommand.RunAsync(home, new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [Variable] = file,
        }, args);
        return (run, File.Exists(file) ? await File.ReadAllLinesAsync(file) : []);
    }
}
