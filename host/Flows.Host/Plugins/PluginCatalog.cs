using System.Collections.Concurrent;
using Flows.Contracts;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Discovery;
using Flows.Host.Plugins.State;

namespace Flows.Host.Plugins;

/// <summary>
/// The host's view of its plugins: discovered once on first use from manifests alone, activated one
/// by one on first need. The single place that knows each plugin's current status.
/// </summary>
public sealed class PluginCatalog : IDisposable
{
    private readonly PluginDiscovery _discovery;
    private readonly IPluginActivator _activator;
    private readonly PluginStateStore _state;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<ActivationResult>>> _activations = new(StringComparer.Ordinal);
    private IReadOnlyList<PluginInfo>? _plugins;
    private AccountTypesOf? _accountTypes;

    public PluginCatalog(PluginDiscovery discovery, IPluginActivator activator, PluginStateStore state, TimeProvider time)
    {
        _discovery = discovery;
        _activator = activator;
        _state = state;
        _time = time;
    }

    /// <summary>Every plugin folder found, each with its status. Loads no plugin code.</summary>
    public IReadOnlyList<PluginInfo> Plugins
    {
        get
        {
            IReadOnlyList<PluginInfo> plugins;
            var discovered = false;
            lock (_gate)
            {
                if (_plugins is null)
                {
                    _plugins = _discovery.Discover();
                    discovered = true;
                }

                plugins = _plugins;
            }

            if (discovered)
            {
                RetireStaleActivations(plugins);
            }

            return plugins;
        }
    }

    /// <summary>The account types of Active plugins, in plugin order. Loads no plugin code.</summary>
    public IReadOnlyList<AccountTypeInfo> AccountTypes
    {
        get
        {
            // Asked on every form page and API call: worked out once per discovered state.
            var plugins = Plugins;
            var cached = _accountTypes;
            if (cached is not null && ReferenceEquals(cached.Plugins, plugins))
            {
                return cached.Types;
            }

            var types = plugins
                .Where(p => p.Status == PluginStatus.Active)
                .SelectMany(p => p.Accounts.Select(a => new AccountTypeInfo(a.Id, a.Title, a.Description, a.SchemaPath, p, a.OAuth) { Deprecated = a.Deprecated }))
                .ToList();
            _accountTypes = new AccountTypesOf(plugins, types);
            return types;
        }
    }

    /// <summary>The plugin in use for <paramref name="pluginId"/>: the one not superseded, if any.</summary>
    public PluginInfo? Find(string pluginId)
    {
        var matches = Plugins.Where(p => string.Equals(p.Id, pluginId, StringComparison.Ordinal)).ToList();
        return matches.FirstOrDefault(p => p.Status != PluginStatus.Superseded) ?? matches.FirstOrDefault();
    }

    public AccountTypeInfo? FindAccountType(string accountTypeId) =>
        AccountTypes.FirstOrDefault(a => string.Equals(a.Id, accountTypeId, StringComparison.Ordinal));

    /// <summary>
    /// Loads and composes the plugin on first call; later calls share the outcome. A failure marks
    /// the plugin Faulted here and is remembered for this build of the plugin across runs.
    /// </summary>
    public async Task<ActivationResult> ActivateAsync(string pluginId, CancellationToken cancellationToken)
    {
        var plugin = Find(pluginId);
        if (plugin is null)
        {
            return ActivationResult.Failed(PluginStage.Manifest, $"No plugin with id '{pluginId}' is installed.");
        }

        if (plugin.Status != PluginStatus.Active)
        {
            return ActivationResult.Failed(plugin.Stage ?? PluginStage.Load, plugin.Reason ?? $"Plugin '{pluginId}' is {plugin.Status}.");
        }

        // Keyed by build, not by id: after a plugin is replaced on disk (install, rebuild) the next
        // activation loads the new build instead of handing out the old one.
        var key = KeyOf(plugin);
        var lazy = _activations.GetOrAdd(key, _ => new Lazy<Task<ActivationResult>>(() => ActivateCoreAsync(plugin)));
        var result = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.Plugin is { IsAlive: false } ended)
        {
            // Its worker process ended (a crash): start a fresh one, once, for everyone asking now.
            if (_activations.TryRemove(new KeyValuePair<string, Lazy<Task<ActivationResult>>>(key, lazy)))
            {
                ended.Dispose();
            }

            lazy = _activations.GetOrAdd(key, _ => new Lazy<Task<ActivationResult>>(() => ActivateCoreAsync(plugin)));
            result = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Starts activating an Active plugin in the background unless its current build already is, so
    /// that a person who opened the connector does not wait for its worker process on the first check.
    /// </summary>
    public void Prepare(string pluginId)
    {
        if (Find(pluginId) is { Status: PluginStatus.Active } plugin && !_activations.ContainsKey(KeyOf(plugin)))
        {
            // The outcome is kept by the catalog (a failure becomes the plugin's status); nobody awaits it here.
            _ = ActivateAsync(pluginId, CancellationToken.None);
        }
    }

    /// <summary>Whether activation of the plugin's current build has started (or finished).</summary>
    internal bool IsActivationStarted(string pluginId) =>
        Find(pluginId) is { } plugin && _activations.ContainsKey(KeyOf(plugin));

    /// <summary>
    /// Whether an account type can be checked, as far as is known without loading code: only the
    /// activated plugin's exports tell (a manifest does not declare validators), so this is null
    /// until the plugin's current build has been activated.
    /// </summary>
    public bool? HasValidator(string accountTypeId)
    {
        if (FindAccountType(accountTypeId) is not { } accountType
            || !_activations.TryGetValue(KeyOf(accountType.Plugin), out var lazy)
            || !lazy.IsValueCreated
            || !lazy.Value.IsCompletedSuccessfully
            || lazy.Value.Result.Plugin is not { IsAlive: true } plugin)
        {
            return null;
        }

        return plugin.Validators.ContainsKey(accountTypeId);
    }

    /// <summary>The validator for an account type, activating its plugin if needed; null when it has none.</summary>
    public async Task<(IAccountValidator? Validator, ActivationResult Activation)> FindValidatorAsync(string accountTypeId, CancellationToken cancellationToken)
    {
        var (validator, activation) = await FindLoadedValidatorAsync(accountTypeId, cancellationToken).ConfigureAwait(false);
        return (validator is null ? null : new FreshWorkerValidator(validator, again => FindLoadedValidatorAsync(accountTypeId, again)), activation);
    }

    private async Task<(IAccountValidator? Validator, ActivationResult Activation)> FindLoadedValidatorAsync(string accountTypeId, CancellationToken cancellationToken)
    {
        var accountType = FindAccountType(accountTypeId);
        if (accountType is null)
        {
            return (null, ActivationResult.Failed(PluginStage.Manifest, $"No active plugin contributes account type '{accountTypeId}'."));
        }

        var activation = await ActivateAsync(accountType.Plugin.Id, cancellationToken).ConfigureAwait(false);
        var validator = activation.Plugin?.Validators.GetValueOrDefault(accountTypeId);
        return (validator, activation);
    }

    /// <summary>Persists the user's choice and re-reads the plugin folders.</summary>
    public void SetEnabled(string pluginId, bool enabled)
    {
        _state.SetEnabled(pluginId, enabled);
        Refresh();
    }

    /// <summary>Raised after <see cref="Refresh"/>: the plugins may have changed (<see cref="Plugins"/> reads them again).</summary>
    public event EventHandler? Refreshed;

    /// <summary>Forgets the discovered state so the next call re-reads the plugin folders.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            _plugins = null;
        }

        Refreshed?.Invoke(this, EventArgs.Empty);
    }

    private static string KeyOf(PluginInfo plugin) => $"{plugin.Id}|{plugin.Directory}|{PluginFingerprint.Of(plugin)}";

    // A build that was replaced, disabled or removed on disk needs its loaded code no longer: it is
    // unloaded (its collectible load context, or its worker process is stopped), and a remembered
    // outcome no longer stands in for a retry.
    private void RetireStaleActivations(IReadOnlyList<PluginInfo> plugins)
    {
        if (_activations.IsEmpty)
        {
            return;
        }

        var current = plugins.Where(p => p.Status == PluginStatus.Active).Select(KeyOf).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in _activations)
        {
            if (!current.Contains(entry.Key) && _activations.TryRemove(entry) && entry.Value.IsValueCreated)
            {
                _ = entry.Value.Value.ContinueWith(
                    static t => t.Result.Plugin?.Dispose(),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion,
                    TaskScheduler.Default);
            }
        }
    }

    /// <summary>The account types worked out from one discovered list of plugins.</summary>
    private sealed record AccountTypesOf(IReadOnlyList<PluginInfo> Plugins, IReadOnlyList<AccountTypeInfo> Types);

    public void Dispose()
    {
        foreach (var activation in _activations.Values.Where(a => a.IsValueCreated))
        {
            if (activation.Value.IsCompletedSuccessfully)
            {
                activation.Value.Result.Plugin?.Dispose();
            }
        }
    }

    // Runs without the caller's token: the outcome is shared by every caller that asks later.
    private async Task<ActivationResult> ActivateCoreAsync(PluginInfo plugin)
    {
        var result = await _activator.ActivateAsync(plugin, CancellationToken.None).ConfigureAwait(false);
        var fingerprint = PluginFingerprint.Of(plugin);
        if (result.IsSuccess)
        {
            _state.RecordFault(plugin.Id, null);
            return result;
        }

        var stage = result.FailedStage ?? PluginStage.Load;
        _state.RecordFault(plugin.Id, new RecordedFault(fingerprint, stage, result.Reason!, _time.GetUtcNow()));
        lock (_gate)
        {
            if (_plugins is not null)
            {
                _plugins = _plugins
                    .Select(p => ReferenceEquals(p, plugin) || (p.Id == plugin.Id && p.Directory == plugin.Directory)
                        ? p.With(PluginStatus.Faulted, stage, result.Reason!, result.Problems)
                        : p)
                    .ToList();
            }
        }

        return result;
    }
}
