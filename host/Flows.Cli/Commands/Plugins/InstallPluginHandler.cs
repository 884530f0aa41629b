using Flows.Cli.Output;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Packages;
using Spectre.Console;

namespace Flows.Cli.Commands.Plugins;

/// <summary>`flows plugins install &lt;folder|package&gt;`: checks first, installs atomically, refuses a broken plugin.</summary>
internal sealed class InstallPluginHandler(PluginInstaller installer, CliOutput output)
{
    public async Task<int> RunAsync(string source, bool force, CancellationToken cancellationToken)
    {
        var result = await installer.InstallAsync(source, force, cancellationToken).ConfigureAwait(false);
        if (!result.Installed)
        {
            output.Error($"refused to install '{source}':");
            foreach (var problem in result.Problems)
            {
                output.ErrorDetail(problem);
            }

            return 1;
        }

        var plugin = result.Plugin!;
        var replaced = result.PreviousVersion is { } previous ? $" (replaced {previous})" : string.Empty;
        output.Success($"Installed {plugin.Id} {plugin.Version}{replaced} into {plugin.Directory}.");
        if (plugin.Status != PluginStatus.Active)
        {
            output.Line($"  Status: {PluginView.StatusText(plugin)} — {plugin.Reason}", PluginView.StatusStyle(plugin.Status));
        }

        return 0;
    }
}
