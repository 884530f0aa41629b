using Flows.Host.Hosting;
using Flows.Host.Plugins.Manifests;
using Flows.Host.Plugins.State;
using Microsoft.Extensions.Logging;
using Semver;

namespace Flows.Host.Plugins.Discovery;

/// <summary>
/// Finds plugin folders and decides each one's status from its manifest and files alone. Never
/// loads plugin code: this is what makes listing plugins cheap and safe.
/// </summary>
public sealed partial class PluginDiscovery
{
    private const int ParallelThreshold = 16;

    private readonly FlowsHostOptions _options;
    private readonly ManifestReader _reader;
    private readonly ManifestValidationCache _validationCache;
    private readonly PluginStateStore _state;
    private readonly ILogger<PluginDiscovery> _logger;

    public PluginDiscovery(
        FlowsHostOptions options,
        ManifestReader reader,
        ManifestValidationCache validationCache,
        PluginStateStore state,
        ILogger<PluginDiscovery> logger)
    {
        _options = options;
        _reader = reader;
        _validationCache = validationCache;
        _state = state;
        _logger = logger;
    }

    /// <summary>Every plugin folder under the plugin roots, each with its status.</summary>
    public IReadOnlyList<PluginInfo> Discover()
    {
        var state = _state.Read();
        // Plain loops over reference types here and below: every command starts with this, and LINQ
        // over tuples is generic code that ReadyToRun cannot precompile, so each start would compile it.
        var folders = new List<PluginRoot>();
        foreach (var root in _options.PluginRoots)
        {
            foreach (var directory in PluginFolders(root.Directory))
            {
                folders.Add(root with { Directory = directory });
            }
        }

        // Folders are independent and mostly I/O; with many plugins, examine them on every core.
        List<PluginInfo> plugins;
        if (folders.Count < ParallelThreshold)
        {
            plugins = new List<PluginInfo>(folders.Count);
            foreach (var folder in folders)
            {
                plugins.Add(Examine(folder.Directory, folder.Source, state));
            }
        }
        else
        {
            plugins = folders.AsParallel().AsOrdered().Select(f => Examine(f.Directory, f.Source, state)).ToList();
        }

        _validationCache.Save();
        ResolveDuplicateIds(plugins);
        ResolveAccountTypeConflicts(plugins);
        ApplyRecordedFaults(plugins, state);

        foreach (var plugin in plugins.Where(p => p.Status != PluginStatus.Active))
        {
            LogNotActive(_logger, plugin.Id, plugin.Status, plugin.Stage, plugin.Reason);
        }

        return plugins;
    }

    /// <summary>The status of one folder on its own: manifest, files, compatibility, the user's choice.</summary>
    public PluginInfo Examine(string directory, PluginSource source, PluginStateSnapshot state)
    {
        directory = Path.GetFullPath(directory);
        var read = _reader.Read(directory);
        var info = new PluginInfo
        {
            Id = read.Manifest?.Id ?? read.DeclaredId ?? Path.GetFileName(directory),
            Directory = directory,
            Source = source,
            Manifest = read.Manifest,
            Status = PluginStatus.Active,
        };

        if (read.Manifest is not { } manifest)
        {
            var problems = read.Problems.Select(p => p.ToString()).ToList();
            var reason = problems.Count == 1
                ? $"Invalid manifest: {problems[0]}"
                : $"Invalid manifest ({problems.Count} problems): {problems[0]}; …";
            return info.With(PluginStatus.Faulted, PluginStage.Manifest, reason, problems);
        }

        var missing = MissingFiles(manifest);
        if (missing.Count > 0)
        {
            return info.With(PluginStatus.Faulted, PluginStage.Files, string.Join("; ", missing), missing);
        }

        if (state.IsDisabled(manifest.Id))
        {
            return info.With(PluginStatus.Disabled, PluginStage.Settings, "Disabled by the user.");
        }

        if (!manifest.EngineRange.Contains(HostEngine.ContractsVersion))
        {
            return info.With(
                PluginStatus.Incompatible,
                PluginStage.Compatibility,
                $"Needs Flows contracts {manifest.EngineRangeText}; this host provides {HostEngine.ContractsVersion}.");
        }

        return info;
    }

    private static List<string> PluginFolders(string root)
    {
        var folders = new List<string>();
        if (!Directory.Exists(root))
        {
            return folders;
        }

        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            // Dot-folders are the installer's staging area and editors' litter, not plugins.
            if (!Path.GetFileName(directory).StartsWith('.'))
            {
                folders.Add(directory);
            }
        }

        folders.Sort(StringComparer.Ordinal);
        return folders;
    }

    private static List<string> MissingFiles(PluginManifest manifest)
    {
        var missing = new List<string>();
        if (!File.Exists(manifest.MainPath))
        {
            missing.Add($"The entry assembly '{Path.GetFileName(manifest.MainPath)}' named by \"main\" is missing.");
        }

        foreach (var account in manifest.Accounts)
        {
            if (!File.Exists(account.SchemaPath))
            {
                missing.Add($"The schema file of account type '{account.Id}' is missing.");
            }
        }

        return missing;
    }

    // Same id twice: the highest usable version wins (a user install beats a bundled copy of the same version).
    private static void ResolveDuplicateIds(List<PluginInfo> plugins)
    {
        foreach (var (_, group) in IndexGroups(plugins, plugin => plugin.Manifest is null ? [] : [plugin.Id]))
        {
            if (group.Count < 2)
            {
                continue;
            }

            // The first of the best: usable before not, then the higher version, then the user's own copy.
            var winner = plugins[group[0]];
            var winnerIndex = group[0];
            foreach (var index in group)
            {
                if (Beats(plugins[index], winner))
                {
                    (winner, winnerIndex) = (plugins[index], index);
                }
            }

            foreach (var index in group)
            {
                if (index == winnerIndex)
                {
                    continue;
                }

                var plugin = plugins[index];
                plugins[index] = plugin.With(
                    PluginStatus.Superseded,
                    PluginStage.Conflicts,
                    $"Version {winner.Version} in {winner.Directory} is used instead.",
                    [$"Superseded by version {winner.Version} in {winner.Directory}.", .. plugin.Problems]);
            }
        }
    }

    private static bool Beats(PluginInfo candidate, PluginInfo best)
    {
        var usable = IsUsable(candidate).CompareTo(IsUsable(best));
        if (usable != 0)
        {
            return usable > 0;
        }

        var version = SemVersion.PrecedenceComparer.Compare(candidate.Version!, best.Version!);
        if (version != 0)
        {
            return version > 0;
        }

        return candidate.Source == PluginSource.User && best.Source != PluginSource.User;

        static bool IsUsable(PluginInfo plugin) => plugin.Status is PluginStatus.Active or PluginStatus.Disabled;
    }

    // Nobody can tell which of two plugins should own an account type, so neither gets it.
    private static void ResolveAccountTypeConflicts(List<PluginInfo> plugins)
    {
        var groups = IndexGroups(plugins, plugin => plugin.Status == PluginStatus.Active ? AccountIds(plugin) : []);

        var reasons = new Dictionary<int, List<string>>();
        foreach (var (accountId, group) in groups)
        {
            if (group.Count < 2)
            {
                continue;
            }

            foreach (var index in group)
            {
                var others = new List<string>(group.Count - 1);
                foreach (var other in group)
                {
                    if (other != index)
                    {
                        others.Add($"'{plugins[other].Id}' ({plugins[other].Directory})");
                    }
                }

                if (!reasons.TryGetValue(index, out var list))
                {
                    reasons[index] = list = [];
                }

                list.Add($"Account type '{accountId}' is also contributed by {string.Join(", ", others)}; neither plugin is loaded until one is removed or disabled.");
            }
        }

        foreach (var (index, list) in reasons)
        {
            plugins[index] = plugins[index].With(PluginStatus.Faulted, PluginStage.Conflicts, string.Join(" ", list), list);
        }
    }

    private static string[] AccountIds(PluginInfo plugin)
    {
        var ids = new string[plugin.Accounts.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = plugin.Accounts[i].Id;
        }

        return ids;
    }

    // The indexes of the plugins under each key they give, keys in order of first appearance; a
    // plugin is listed once under a key however often it gives it.
    private static OrderedDictionary<string, List<int>> IndexGroups(List<PluginInfo> plugins, Func<PluginInfo, string[]> keys)
    {
        var groups = new OrderedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var index = 0; index < plugins.Count; index++)
        {
            foreach (var key in keys(plugins[index]))
            {
                if (!groups.TryGetValue(key, out var group))
                {
                    groups.Add(key, group = []);
                }

                if (group.Count == 0 || group[^1] != index)
                {
                    group.Add(index);
                }
            }
        }

        return groups;
    }

    private static void ApplyRecordedFaults(List<PluginInfo> plugins, PluginStateSnapshot state)
    {
        for (var i = 0; i < plugins.Count; i++)
        {
            var plugin = plugins[i];
            // Fingerprinting stats the entry assembly; only worth it when a failure is on record.
            if (plugin.Status == PluginStatus.Active
                && state.Faults.ContainsKey(plugin.Id)
                && state.FindFault(plugin.Id, PluginFingerprint.Of(plugin)) is { } fault)
            {
                plugins[i] = plugin.With(
                    PluginStatus.Faulted,
                    fault.Stage,
                    fault.Reason,
                    [fault.Reason, $"Remembered from the activation at {fault.At:yyyy-MM-dd HH:mm:ss} UTC; enabling the plugin again retries it."]);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Plugin {PluginId} is {Status} at stage {Stage}: {Reason}")]
    private static partial void LogNotActive(ILogger logger, string pluginId, PluginStatus status, PluginStage? stage, string? reason);
}
