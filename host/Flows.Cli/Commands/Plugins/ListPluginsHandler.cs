using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Confinement;
using Flows.Host.Plugins.Nodes;
using Spectre.Console;

namespace Flows.Cli.Commands.Plugins;

/// <summary>
/// `flows plugins list`: every plugin from manifests alone; no plugin code is loaded. With a shared
/// store, also the nodes that serve it and the plugins they disagree on (each node has its own folders).
/// </summary>
internal sealed class ListPluginsHandler(PluginCatalog catalog, FlowsHostOptions options, PluginConfinement confinement, NodePluginsBoard nodeBoard, CliOutput output)
{
    // A store that does not answer costs the list no more than this.
    private static readonly TimeSpan NodesPatience = TimeSpan.FromSeconds(3);

    public async Task<int> RunAsync(bool json, CancellationToken cancellationToken)
    {
        var plugins = catalog.Plugins;
        var confined = confinement.Status;
        var nodes = nodeBoard.IsShared ? await ReadNodesAsync(cancellationToken).ConfigureAwait(false) : null;
        if (json)
        {
            output.WriteJson(
                new PluginListJson(
                    HostEngine.ContractsVersion.ToString(),
                    [.. options.PluginRoots.Select(r => r.Directory)],
                    [.. plugins.Select(PluginView.ToJson)],
                    new ConfinementJson(confined.Confined, confined.Summary),
                    nodes?.ToJson()),
                CliJson.Output.PluginListJson);
            return 0;
        }

        if (plugins.Count == 0)
        {
            output.Line("No plugins found. Looked in:");
            foreach (var root in options.PluginRoots)
            {
                output.Line($"  {root.Directory}");
            }

            WriteNodes(nodes);
            WriteConfinement(confined);
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Id").AddColumn("Name").AddColumn("Version").AddColumn("Status").AddColumn("Account types / reason");
        foreach (var plugin in plugins)
        {
            var detail = plugin.Status == PluginStatus.Active
                ? string.Join(", ", plugin.Accounts.Select(a => a.Id))
                : plugin.Reason ?? string.Empty;
            table.AddRow(
                new Text(TerminalText.Plain(plugin.Id)),
                new Text(TerminalText.Plain(plugin.DisplayName)),
                new Text(TerminalText.Plain(plugin.Version?.ToString() ?? "?")),
                new Text(TerminalText.Plain(PluginView.StatusText(plugin)), PluginView.StatusStyle(plugin.Status)),
                new Text(TerminalText.Plain(detail)));
        }

        output.Console.Write(table);
        var active = plugins.Count(p => p.Status == PluginStatus.Active);
        output.Line($"{plugins.Count} plugin(s), {active} active. Flows contracts {HostEngine.ContractsVersion}.", new Style(Color.Grey));
        WriteNodes(nodes);
        WriteConfinement(confined);
        return 0;
    }

    private async Task<NodesView> ReadNodesAsync(CancellationToken cancellationToken)
    {
        var store = nodeBoard.Location!;
        var (reports, problem) = await nodeBoard.TryReadAsync(NodesPatience, cancellationToken).ConfigureAwait(false);
        return reports is null ? NodesView.Unreadable(store, problem!) : NodesView.Of(store, reports);
    }

    private void WriteNodes(NodesView? nodes)
    {
        foreach (var (line, warning) in nodes?.Lines() ?? [])
        {
            output.Line(line, new Style(warning ? Color.Yellow : Color.Grey));
        }
    }

    // Said every time: whether a plugin can read the account key is part of what the list tells.
    private void WriteConfinement(ConfinementStatus status) =>
        output.Line(status.Summary, new Style(status.Confined ? Color.Grey : Color.Yellow));
}
