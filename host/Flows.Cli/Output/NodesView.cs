using Flows.Host.Plugins.Nodes;

namespace Flows.Cli.Output;

/// <summary>
/// The <c>flows serve</c> nodes of a shared store as <c>flows plugins list</c> shows them: which run,
/// which went stale, and the plugins they disagree on, in sentences and in --json output.
/// </summary>
internal sealed record NodesView(string Store, IReadOnlyList<NodeReport> Running, IReadOnlyList<NodeReport> Stale, IReadOnlyList<PluginDisagreement> Disagreements, string? Problem)
{
    public static NodesView Unreadable(string store, string problem) => new(store, [], [], [], problem);

    public static NodesView Of(string store, IReadOnlyList<NodeReport> reports)
    {
        var running = reports.Where(r => !r.Stale).ToList();
        return new NodesView(store, running, [.. reports.Where(r => r.Stale)], PluginDisagreements.Find([.. running.Select(r => r.Node)]), null);
    }

    /// <summary>The lines under the plugin table, each with whether it asks for attention.</summary>
    public IEnumerable<(string Line, bool Warning)> Lines()
    {
        if (Problem is not null)
        {
            yield return ($"The nodes of this store could not be read: {Problem}.", true);
            yield break;
        }

        yield return Running.Count == 0
            ? ("No flows serve node runs on this store.", false)
            : ($"{Running.Count} node(s) serve this store: {string.Join(", ", Running.Select(r => r.Node.Node))}.", false);
        foreach (var disagreement in Disagreements)
        {
            yield return (disagreement.Sentence, true);
        }

        if (Running.Count > 1 && Disagreements.Count == 0)
        {
            yield return ("They run the same plugins at the same versions.", false);
        }

        if (Stale.Count > 0)
        {
            var stale = Stale.Select(r => $"{r.Node.Node} (last heard {Minutes(r.Age)} ago)");
            yield return ($"Not counted, not heard from for over {Minutes(NodePluginsBoard.StaleAfter)}: {string.Join(", ", stale)}.", false);
        }
    }

    public NodesJson ToJson() => new(
        Store,
        Problem,
        [.. Running.Select(r => ToJson(r.Node))],
        [.. Stale.Select(r => ToJson(r.Node))],
        [.. Disagreements.Select(d => new DisagreementJson(d.PluginId, [.. d.Versions.Select(v => new VersionOnNodesJson(v.Version, v.Nodes))], d.MissingOn, d.Sentence))]);

    private static NodeJson ToJson(NodePlugins node) => new(
        node.Node,
        node.FlowsVersion,
        node.StartedAt,
        node.SeenAt,
        [.. node.Plugins.Select(p => new NodePluginJson(p.Id, p.Version, p.Status))]);

    private static string Minutes(TimeSpan age) => age.TotalMinutes < 120 ? $"{Math.Floor(age.TotalMinutes):0} minutes" : $"{Math.Floor(age.TotalHours):0} hours";
}

/// <summary>The nodes of a shared store in --json output; <see cref="Problem"/> set when they could not be read.</summary>
internal sealed record NodesJson(string Store, string? Problem, IReadOnlyList<NodeJson> Running, IReadOnlyList<NodeJson> Stale, IReadOnlyList<DisagreementJson> Disagreements);

internal sealed record NodeJson(string Name, string FlowsVersion, DateTimeOffset StartedAt, DateTimeOffset SeenAt, IReadOnlyList<NodePluginJson> Plugins);

internal sealed record NodePluginJson(string Id, string? Version, string Status);

internal sealed record DisagreementJson(string PluginId, IReadOnlyList<VersionOnNodesJson> Versions, IReadOnlyList<string> MissingOn, string Sentence);

internal sealed record VersionOnNodesJson(string? Version, IReadOnlyList<string> Nodes);
