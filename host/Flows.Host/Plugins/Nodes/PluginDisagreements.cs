using Semver;

namespace Flows.Host.Plugins.Nodes;

/// <summary>
/// Which plugins the nodes of one store do not run alike: a plugin at different versions, or on some
/// nodes only. Versions are compared by SemVer precedence (1.10.0 is above 1.9.0; 1.0.0-beta is below
/// 1.0.0; build metadata does not count), never as text.
/// </summary>
public static class PluginDisagreements
{
    /// <summary>Every plugin the <paramref name="nodes"/> disagree on, by plugin id; none for fewer than two nodes.</summary>
    public static IReadOnlyList<PluginDisagreement> Find(IReadOnlyList<NodePlugins> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count < 2)
        {
            return [];
        }

        var found = new List<PluginDisagreement>();
        foreach (var pluginId in nodes.SelectMany(n => n.Plugins).Select(p => p.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var present = nodes
                .Select(n => (Node: n.Node, Plugin: n.Plugins.FirstOrDefault(p => p.Id == pluginId)))
                .Where(x => x.Plugin is not null)
                .ToList();
            var versions = present
                .GroupBy(x => VersionKey.Of(x.Plugin!.Version))
                .OrderBy(g => g.Key)
                .Select(g => new VersionOnNodes(g.First().Plugin!.Version, [.. g.Select(x => x.Node).Order(StringComparer.Ordinal)]))
                .ToList();
            var missing = nodes.Select(n => n.Node).Except(present.Select(x => x.Node), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (versions.Count > 1 || missing.Count > 0)
            {
                found.Add(new PluginDisagreement(pluginId, versions, missing));
            }
        }

        return found;
    }

    // Highest SemVer first, equal precedence together; text that is no SemVer (or none) after them.
    private sealed record VersionKey(SemVersion? Version, string? Text) : IComparable<VersionKey>
    {
        public static VersionKey Of(string? text) =>
            SemVersion.TryParse(text, SemVersionStyles.Strict, out var version) ? new VersionKey(version, null) : new VersionKey(null, text ?? "");

        public bool Equals(VersionKey? other) =>
            other is not null && (Version is null
                ? other.Version is null && string.Equals(Text, other.Text, StringComparison.Ordinal)
                : other.Version is not null && SemVersion.PrecedenceComparer.Equals(Version, other.Version));

        public override int GetHashCode() => Version is null ? StringComparer.Ordinal.GetHashCode(Text!) : SemVersion.PrecedenceComparer.GetHashCode(Version);

        public int CompareTo(VersionKey? other) => (Version, other?.Version) switch
        {
            _ when other is null => -1,
            ({ } mine, { } theirs) => SemVersion.ComparePrecedence(theirs, mine),
            ({ }, null) => -1,
            (null, { }) => 1,
            _ => string.CompareOrdinal(Text, other.Text),
        };
    }
}

/// <summary>One plugin the nodes disagree on: the versions it has (highest first) and the nodes without it.</summary>
public sealed record PluginDisagreement(string PluginId, IReadOnlyList<VersionOnNodes> Versions, IReadOnlyList<string> MissingOn)
{
    /// <summary>The disagreement in one sentence, e.g. "Nodes disagree on fixture.good: 1.2.0 on node-a, node-c; 1.0.0 on node-b."</summary>
    public string Sentence
    {
        get
        {
            var parts = Versions.Select(v => $"{v.Version ?? "an unreadable version"} on {string.Join(", ", v.Nodes)}").ToList();
            if (MissingOn.Count > 0)
            {
                parts.Add($"not installed on {string.Join(", ", MissingOn)}");
            }

            return $"Nodes disagree on {PluginId}: {string.Join("; ", parts)}.";
        }
    }
}

/// <summary>One version of a plugin (as its manifest says it; null when unreadable) and the nodes that run it.</summary>
public sealed record VersionOnNodes(string? Version, IReadOnlyList<string> Nodes);
