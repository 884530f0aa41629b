using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Packages;

/// <summary>
/// Builds a plugin project in Release with the .NET SDK (`dotnet build`) and asks MSBuild where
/// its output went, so <see cref="PluginPacker"/> can pack a project as well as a built folder.
/// </summary>
public sealed partial class PluginProjectBuilder
{
    private const int MaxReportedLines = 30;

    private readonly ILogger<PluginProjectBuilder> _logger;

    public PluginProjectBuilder(ILogger<PluginProjectBuilder> logger)
    {
        _logger = logger;
    }

    /// <summary>Builds <paramref name="project"/> (a project file) in Release.</summary>
    public async Task<PluginProjectBuild> BuildAsync(string project, CancellationToken cancellationToken)
    {
        // No node reuse and no compiler server: a lingering build node would inherit the output pipes
        // of this build and keep whoever reads them (a script, a test) waiting after we are done.
        var build = await RunAsync(
            ["build", project, "-c", "Release", "-nologo", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            return new PluginProjectBuild(null, [$"`dotnet build -c Release` failed (exit code {build.ExitCode}):", .. Highlights(build.Output)]);
        }

        var query = await RunAsync(
            ["msbuild", project, "-nologo", "-p:Configuration=Release", "-getProperty:TargetDir"],
            cancellationToken).ConfigureAwait(false);
        var targetDir = query.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return query.ExitCode == 0 && targetDir is not null && Directory.Exists(targetDir)
            ? new PluginProjectBuild(Path.GetFullPath(targetDir), [])
            : new PluginProjectBuild(null, ["The build succeeded but MSBuild did not say where its output is (TargetDir):", .. Highlights(query.Output)]);
    }

    // The error lines when there are any (MSBuild repeats them in its summary), else the end of the log.
    private static string[] Highlights(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        return errors.Length > 0 ? [.. errors.Take(MaxReportedLines)] : lines[^Math.Min(lines.Length, MaxReportedLines)..];
    }

    private async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        LogRunning(_logger, start.FileName, start.ArgumentList);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        LogExited(_logger, process.ExitCode);
        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Running {Executable} {Arguments}")]
    private static partial void LogRunning(ILogger logger, string executable, IEnumerable<string> arguments);

    [LoggerMessage(Level = LogLevel.Debug, Message = "dotnet exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, int exitCode);

    // The muxer that runs `flows` (`dotnet flows.dll`) is the one to build with; otherwise dotnet on PATH.
    private static string DotnetExecutable() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}

/// <summary>The outcome of <see cref="PluginProjectBuilder.BuildAsync"/>: the output folder, or what went wrong.</summary>
public sealed record PluginProjectBuild(string? OutputDirectory, IReadOnlyList<string> Problems);
