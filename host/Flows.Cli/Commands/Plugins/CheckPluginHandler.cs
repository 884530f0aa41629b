using Flows.Cli.Output;
using Flows.Host.Plugins.Packages;
using Spectre.Console;

namespace Flows.Cli.Commands.Plugins;

/// <summary>`flows plugins check &lt;folder&gt;`: what an author runs before shipping; exit 1 on any problem.</summary>
internal sealed class CheckPluginHandler(PluginChecker checker, CliOutput output)
{
    public async Task<int> RunAsync(string folder, bool activate, bool json, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            output.Error($"'{folder}' is not a folder. Point check at the plugin's build output (the folder with plugin.json).");
            return 2;
        }

        var report = await checker.CheckAsync(folder, activate, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            output.WriteJson(
                new PluginCheckJson(
                    report.Passed,
                    report.Activated,
                    report.Plugin.Id,
                    report.Plugin.Version?.ToString(),
                    [.. report.Problems.Select(p => new CheckProblemJson(CliJson.Name(p.Stage), p.Message))],
                    report.Warnings),
                CliJson.Output.PluginCheckJson);
            return report.Passed ? 0 : 1;
        }

        foreach (var warning in report.Warnings)
        {
            output.Line($"⚠ warning: {warning}", new Style(Color.Yellow));
        }

        var name = report.Plugin.Version is { } version ? $"{report.Plugin.Id} {version}" : report.Plugin.Id;
        if (report.Passed)
        {
            var what = report.Activated ? "manifest, files and account schemas are valid; the code loads and its exports match plugin.json" : "manifest, files and account schemas are valid";
            output.Success($"{name}: {what} ({report.Plugin.Accounts.Count} account type(s)).");
            return 0;
        }

        output.Line($"✖ {name}: {report.Problems.Count} problem(s)", new Style(Color.Red));
        foreach (var problem in report.Problems)
        {
            output.Line($"  [{problem.Stage}] {problem.Message}");
        }

        return 1;
    }
}
