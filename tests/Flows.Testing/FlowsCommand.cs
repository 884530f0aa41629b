using System.Diagnostics;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.Builders;

namespace Flows.Testing;

/// <summary>
/// The real <c>flows</c> executable, run the way a user or a script runs it: <c>dotnet flows.dll …</c>
/// with a data directory of its own, no colours, and nothing inherited from the test process that
/// would change what it does (the web access credential).
/// </summary>
public static class FlowsCommand
{
    /// <summary>The built flows.dll.</summary>
    public static string EntryAssembly => BuildOutputs.FlowsCli;

    /// <summary>Runs <c>flows args…</c> to its end with <paramref name="home"/> as FLOWS_HOME.</summary>
    public static Task<CliRun> RunAsync(string home, params string[] args) => RunAsync(home, new Dictionary<string, string>(), args);

    /// <summary>Runs <c>flows args…</c> to its end, with <paramref name="environment"/> on top of the defaults.</summary>
    public static Task<CliRun> RunAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithInputAsync(home, environment, standardInput: string.Empty, args);

    /// <summary>Runs with <paramref name="standardInput"/> piped in, as <c>echo … | flows …</c> does.</summary>
    public static async Task<CliRun> RunWithInputAsync(string home, IReadOnlyDictionary<string, string> environment, string standardInput, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await Cli.Wrap("dotnet")
            .WithArguments([EntryAssembly, .. args])
            .WithEnvironmentVariables(variables => Environment(variables, home, environment))
            .WithStandardInputPipe(PipeSource.FromString(standardInput))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        return new CliRun(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>A start for a long-running <c>flows args…</c> (such as <c>serve</c>) the caller owns, with the same environment.</summary>
    public static ProcessStartInfo StartInfo(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(EntryAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(AccessTokenVariable);
        foreach (var (name, value) in Defaults(home).Concat(environment))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private const string AccessTokenVariable = "FLOWS_ACCESS_TOKEN";

    private static IEnumerable<KeyValuePair<string, string>> Defaults(string home) =>
        [new("FLOWS_HOME", home), new("NO_COLOR", "1")];

    private static void Environment(EnvironmentVariablesBuilder variables, string home, IReadOnlyDictionary<string, string> environment)
    {
        variables.Set(AccessTokenVariable, null);
        foreach (var (name, value) in Defaults(home).Concat(environment))
        {
            variables.Set(name, value);
        }
    }
}

/// <summary>What one run of <c>flows</c> did: its exit code and everything it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output as JSON (for <c>--json</c>).</summary>
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
