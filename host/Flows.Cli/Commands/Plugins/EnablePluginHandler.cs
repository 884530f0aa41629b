using Flows.Cli.Output;
using Flows.Host.Plugins;

namespace Flows.Cli.Commands.Plugins;

/// <summary>`flows plugins enable|disable &lt;id&gt;`: the choice is persisted in the data directory.</summary>
internal sealed class EnablePluginHandler(PluginCatalog catalog, CliOutput output)
{
    public int Run(string id, bool enabled)
    {
        if (catalog.Find(id) is null)
        {
            output.Error($"no plugin with id '{id}'.");
            return 1;
        }

        catalog.SetEnabled(id, enabled);
        var plugin = catalog.Find(id)!;
        output.Success($"{(enabled ? "Enabled" : "Disabled")} {id}. Status: {PluginView.StatusText(plugin)}.");
        if (enabled && plugin.Status != PluginStatus.Active && plugin.Reason is { } reason)
        {
            output.Line($"  {reason}", PluginView.StatusStyle(plugin.Status));
        }

        return 0;
    }
}
