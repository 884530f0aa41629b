using System.Composition.Hosting;
using Flows.Contracts;
using McMaster.NETCore.Plugins;

namespace Flows.Host.Plugins.Activation;

/// <summary>
/// A plugin whose code is loaded, composed and verified against its manifest: in this process (its
/// own load context), or in a worker process of its own (see <see cref="Isolation.WorkerProcessActivator"/>).
/// Disposing it unloads the load context, or stops the worker.
/// </summary>
public sealed class ActivatedPlugin : IDisposable
{
    private readonly IDisposable _lifetime;
    private readonly Func<bool> _isAlive;

    internal ActivatedPlugin(
        PluginInfo info,
        PluginLoader loader,
        CompositionHost container,
        IReadOnlyList<IAccountDefinition> definitions,
        IReadOnlyDictionary<string, IAccountValidator> validators,
        TimeSpan elapsed)
        : this(info, new InProcess(loader, container), definitions, validators, elapsed, static () => true)
    {
    }

    internal ActivatedPlugin(
        PluginInfo info,
        IDisposable lifetime,
        IReadOnlyList<IAccountDefinition> definitions,
        IReadOnlyDictionary<string, IAccountValidator> validators,
        TimeSpan elapsed,
        Func<bool> isAlive)
    {
        Info = info;
        _lifetime = lifetime;
        Definitions = definitions;
        Validators = validators;
        Elapsed = elapsed;
        _isAlive = isAlive;
    }

    public PluginInfo Info { get; }

    public IReadOnlyList<IAccountDefinition> Definitions { get; }

    /// <summary>Validators by account-type id.</summary>
    public IReadOnlyDictionary<string, IAccountValidator> Validators { get; }

    /// <summary>How long load + compose + verify took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>False once the plugin's worker process has ended: the plugin must be activated again.</summary>
    public bool IsAlive => _isAlive();

    public void Dispose() => _lifetime.Dispose();

    private sealed class InProcess(PluginLoader loader, CompositionHost container) : IDisposable
    {
        // The container first (it holds the exports), then the load context: once nothing else refers
        // to the plugin's types, the runtime collects its assemblies.
        public void Dispose()
        {
            container.Dispose();
            loader.Dispose();
        }
    }
}
