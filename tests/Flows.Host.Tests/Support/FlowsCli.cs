using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Flows.Host.Tests.Support;

/// <summary>Runs the real `flows` executable the way a user or script does, with its own data directory.</summary>
public static class FlowsCli
{
    /// <summary>The built flows.dll.</summary>
    public static readonly string EntryAssembly = typeof(FlowsCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FlowsCli").Value!;

    /// <summary>How the host starts plugin workers from this build: <c>dotnet flows.dll __plugin-worker …</c>.</summary>
    public static Flows.Host.Plugins.Isolation.PluginWorkerStart Worker => new("dotnet", [EntryAssembly]);

    public static Task<CliRun> RunAsync(string home, params string[] args) => RunAsync(home, new Dictionary<string, string>(), args);

    public static Task<CliRun> RunAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithInputAsync(home, environment, standardInput: string.Empty, args);

    /// <summary>Runs with <paramref name="standardInput"/> piped in, as `echo … | flows …` does.</summary>
    public static async Task<CliRun> RunWithInputAsync(string home, IReadOnlyDictionary<string, string> environment, string standardInput, params string[] args)
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

        start.Environment["FLOWS_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
