using System.Text.Json.Serialization;

namespace Flows.Host.Plugins.Nodes;

/// <summary>
/// What one <c>flows serve</c> node of a shared store runs, as it tells the other nodes: its name,
/// its flows version, when it started and last said so, and each plugin in its own plugin folders.
/// </summary>
public sealed record NodePlugins(string Node, string FlowsVersion, DateTimeOffset StartedAt, DateTimeOffset SeenAt, IReadOnlyList<NodePlugin> Plugins)
{
    /// <summary>What a node runs: one entry per plugin id, the copy it uses (a superseded copy is not).</summary>
    public static IReadOnlyList<NodePlugin> Of(IEnumerable<PluginInfo> plugins) =>
        [.. plugins
            .Where(p => p.Status != PluginStatus.Superseded)
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new NodePlugin(p.Id, p.Version?.ToString(), StatusName(p.Status)))];

    private static string StatusName(PluginStatus status)
    {
        var name = status.ToString();
        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
    }
}

/// <summary>One plugin on a node: its id, its version (SemVer text; null when its manifest could not be read) and status.</summary>
public sealed record NodePlugin(string Id, string? Version, string Status);

/// <summary>A node's document as read back, and whether it is too old to count (<see cref="NodePluginsBoard.StaleAfter"/>).</summary>
public sealed record NodeReport(NodePlugins Node, bool Stale, TimeSpan Age);

[JsonSerializable(typeof(NodePlugins))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class NodePluginsJson : JsonSerializerContext;
