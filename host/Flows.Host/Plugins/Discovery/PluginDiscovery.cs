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
        var folders = _options.PluginRoots
            .SelectMany(root => PluginFolders(root.Directory).Select(directory => (directory, root.Source)))
            .ToList();

        // Folders are independent and mostly I/O; with many plugins, examine them on every core.
        var plugins = folders.Count < ParallelThreshold
            ? folders.Select(f => Examine(f.directory, f.Source, state)).ToList()
            : folders.AsParallel().AsOrdered().Select(f => Examine(f.directory, f.Source, state)).ToList();

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

    private static IEnumerable<string> PluginFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        // Dot-folders are the installer's staging area and editors' litter, not plugins.
        return Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal);
    }

    private static List<string> MissingFiles(PluginManifest manifest)
    {
        var missing = new List<string>();
        if (!File.Exists(manifest.MainPath))
        {
            missing.Add($"The entry assembly '{Path.GetFileName(manifest.MainPath)}' named by \"main\" is missing.");
        }

        foreach (var account in manifest.Accounts.Where(a => !File.Exists(a.SchemaPath)))
        {
            missing.Add($"The schema file of account type '{account.Id}' is missing.");
        }

        return missing;
    }

    // Same id twice: the highest usable version wins (a user install beats a bundled copy of the same version).
    private static void ResolveDuplicateIds(List<PluginInfo> plugins)
    {
        var groups = plugins
            .Select((plugin, index) => (plugin, index))
            .Where(x => x.plugin.Manifest is not null)
            .GroupBy(x => x.plugin.Id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);

        foreach (var group in groups)
        {
            var winner = group
                .OrderByDescending(x => x.plugin.Status is PluginStatus.Active or PluginStatus.Disabled)
                .ThenByDescending(x => x.plugin.Version!, SemVersion.PrecedenceComparer)
                .ThenByDescending(x => x.plugin.Source == PluginSource.User)
                .First();

            foreach (var (plugin, index) in group.Where(x => x.index != winner.index))
            {
                plugins[index] = plugin.With(
                    PluginStatus.Superseded,
                    PluginStage.Conflicts,
                    $"Version {winner.plugin.Version} in {winner.plugin.Directory} is used instead.",
                    [.. plugin.Problems.Prepend($"Superseded by version {winner.plugin.Version} in {winner.plugin.Directory}.")]);
            }
        }
    }

    // Nobody can tell which of two plugins should own an account type, so neither gets it.
    private static void ResolveAccountTypeConflicts(List<PluginInfo> plugins)
    {
        var owners = plugins
            .Select((plugin, index) => (plugin, index))
            .Where(x => x.plugin.Status == PluginStatus.Active)
            .SelectMany(x => x.plugin.Accounts.Select(a => (accountId: a.Id, x.plugin, x.index)))
            .GroupBy(x => x.accountId, StringComparer.Ordinal)
            .Where(g => g.Select(x => x.index).Distinct().Count() > 1)
            .ToList();

        var reasons = new Dictionary<int, List<string>>();
        foreach (var group in owners)
        {
            foreach (var (accountId, plugin, index) in group)
            {
                var others = string.Join(", ", group.Where(o => o.index != index).Select(o => $"'{o.plugin.Id}' ({o.plugin.Directory})"));
                if (!reasons.TryGetValue(index, out var list))
                {
                    reasons[index] = list = [];
                }

                list.Add($"Account type '{accountId}' is also contributed by {others}; neither plugin is loaded until one is removed or disabled.");
            }
        }

        foreach (var (index, list) in reasons)
        {
            plugins[index] = plugins[index].With(PluginStatus.Faulted, PluginStage.Conflicts, string.Join(" ", list), list);
        }
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
