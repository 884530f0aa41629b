using System.Diagnostics;
using System.Reflection;

namespace Flows.Web.BrowserTests.Support;

/// <summary>The real `flows` executable (flows.dll), run with its own data directory as a user runs it.</summary>
public static class FlowsProcess
{
    public static string EntryAssembly { get; } = Metadata("FlowsCli");

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    /// <summary>A start for `dotnet flows.dll args…` with FLOWS_HOME set and nothing inherited that would change what it does.</summary>
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

        start.Environment.Remove("FLOWS_ACCESS_TOKEN");
        start.Environment["FLOWS_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs a command to its end; returns the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(home, environment, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Metadata(string key) =>
        typeof(FlowsProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
