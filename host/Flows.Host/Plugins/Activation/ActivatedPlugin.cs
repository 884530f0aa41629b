using System.Composition.Hosting;
using Flows.Contracts;
using McMaster.NETCore.Plugins;

namespace Flows.Host.Plugins.Activation;

/// <summary>A plugin whose code is loaded, composed and verified against its manifest.</summary>
public sealed class ActivatedPlugin : IDisposable
{
    private readonly PluginLoader _loader;
    private readonly CompositionHost _container;

    internal ActivatedPlugin(
        PluginInfo info,
        PluginLoader loader,
        CompositionHost container,
        IReadOnlyList<IAccountDefinition> definitions,
        IReadOnlyDictionary<string, IAccountValidator> validators,
        TimeSpan elapsed)
    {
        Info = info;
        _loader = loader;
        _container = container;
        Definitions = definitions;
        Validators = validators;
        Elapsed = elapsed;
    }

    public PluginInfo Info { get; }

    public IReadOnlyList<IAccountDefinition> Definitions { get; }

    /// <summary>Validators by account-type id.</summary>
    public IReadOnlyDictionary<string, IAccountValidator> Validators { get; }

    /// <summary>How long load + compose + verify took.</summary>
    public TimeSpan Elapsed { get; }

    public void Dispose()
    {
        _container.Dispose();
        _loader.Dispose();
    }
}
