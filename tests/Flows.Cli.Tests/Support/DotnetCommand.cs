using CliWrap.Buffered;

namespace Flows.Cli.Tests.Support;

/// <summary>
/// The .NET SDK's own commands (pack, publish, tool install) run as a person runs them, outside the
/// settings of the `dotnet test` that runs this test.
/// </summary>
public static class DotnetCommand
{
    /// <summary>Runs <c>dotnet args…</c> to its end (at most 10 minutes: a pack or publish builds the whole host).</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments(args)
            .WithWorkingDirectory(BuildOutputs.RepoRoot)
            .WithEnvironmentVariables(variables =>
            {
                // The test host's MSBuild settings must not steer the build it starts.
                foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                             .Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)))
                {
                    variables.Set(name, null);
                }

                // A build node or compiler server left running would hold the output pipes open after the build.
                variables.Set("MSBUILDDISABLENODEREUSE", "1");
                variables.Set("UseSharedCompilation", "false");
                variables.Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
                variables.Set("DOTNET_NOLOGO", "1");
                foreach (var (name, value) in environment)
                {
                    variables.Set(name, value);
                }
            })
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        return new CliRun(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Runs an installed or published <c>flows</c> executable itself (not through <c>dotnet flows.dll</c>).</summary>
    public static async Task<CliRun> RunFlowsAsync(string executable, string home, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await CliWrap.Cli.Wrap(executable)
            .WithArguments(args)
            .WithEnvironmentVariables(variables => variables.Set("FLOWS_HOME", home).Set("NO_COLOR", "1").Set("FLOWS_ACCESS_TOKEN", null))
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        return new CliRun(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
