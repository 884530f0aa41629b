using System.Diagnostics;

namespace Flows.Template.Tests.Support;

/// <summary>Runs commands the way the README tells a person to: real processes, a working folder, a time limit.</summary>
public static class Shell
{
    public static string RepoRoot => BuildOutputs.RepoRoot;

    public static string FlowsDll => BuildOutputs.FlowsCli;

    /// <summary>Starts <paramref name="arguments"/>[0] with the rest as its arguments; the caller owns the process.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(arguments[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // This test runs under `dotnet test`, whose MSBuild settings must not steer the builds it starts.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // A build node or compiler server left running would hold our output pipes open after the build.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs a command to its end and returns what it printed.</summary>
    public static async Task<Run> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not finish in 8 minutes.");
        }

        return new Run(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }
}

public sealed record Run(string Command, int ExitCode, string Out, string Error)
{
    public override string ToString() => $"{Command}\nexit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
