using Flows.Contracts;
using Flows.Host.Outbound;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Discovery;
using Flows.Host.Plugins.Manifests;
using Flows.Host.Plugins.Packages;
using Flows.Host.Plugins.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using Flows.Host.OAuth.Protocol;

namespace Flows.Host.Hosting;

/// <summary>Registers the host's core services in the one DI composition root.</summary>
public static class FlowsHostServiceCollectionExtensions
{
    /// <summary>Adds plugin discovery, activation, status and packaging, with the defaults changed by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddFlowsPlugins(this IServiceCollection services, Action<FlowsHostOptions>? configure = null) =>
        services.AddFlowsPlugins(null, configure);

    /// <summary>
    /// Adds plugin discovery, activation, status and packaging, with the operator's settings
    /// (<see cref="FlowsConfiguration"/>) and then <paramref name="configure"/> applied to the defaults.
    /// </summary>
    public static IServiceCollection AddFlowsPlugins(this IServiceCollection services, IConfiguration? configuration, Action<FlowsHostOptions>? configure = null)
    {
        var options = services.AddOptions<FlowsHostOptions>();
        if (configuration is not null)
        {
            options.Configure(o => FlowsConfiguration.Configure(o, configuration));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddLogging();
        // Consumers take the options themselves: they are settled once the services are built.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<FlowsHostOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboundHttp>();
        services.TryAddSingleton<IOutboundHttp>(sp => sp.GetRequiredService<OutboundHttp>());
        services.TryAddSingleton<PluginOutbound>();
        services.TryAddSingleton<ManifestValidationCache>();
        services.TryAddSingleton<ManifestReader>();
        services.TryAddSingleton<PluginStateStore>();
        services.TryAddSingleton<PluginDiscovery>();
        services.TryAddSingleton<Secrets.PluginSecretScrubbing>();
        services.TryAddSingleton<PluginHostServices>();
        services.TryAddSingleton<InProcessPluginActivator>();
        services.TryAddSingleton<Plugins.Isolation.PluginLogForwarding>();
        services.TryAddSingleton<Plugins.Isolation.PluginWorkers>();
        services.TryAddSingleton<Plugins.Isolation.WorkerProcessActivator>();
        services.TryAddSingleton<IPluginActivator>(sp => sp.GetRequiredService<FlowsHostOptions>().PluginWorker is null
            ? sp.GetRequiredService<InProcessPluginActivator>()
            : sp.GetRequiredService<Plugins.Isolation.WorkerProcessActivator>());
        services.TryAddSingleton<PluginCatalog>();
        services.TryAddSingleton<Plugins.Confinement.PluginConfinement>();
        services.TryAddSingleton<PluginChecker>();
        services.TryAddSingleton<PluginInstaller>();
        services.TryAddSingleton<PluginProjectBuilder>();
        services.TryAddSingleton<PluginPacker>();
        return services;
    }

    /// <summary>
    /// Adds the account store (SQLite in the data directory, or the PostgreSQL database the settings
    /// name, with what its nodes share; secrets encrypted) on top of
    /// <see cref="AddFlowsPlugins(IServiceCollection, IConfiguration?, Action{FlowsHostOptions}?)"/>,
    /// with the keys <paramref name="configuration"/> holds, if any.
    /// </summary>
    public static IServiceCollection AddFlowsAccounts(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(sp => Flows.Host.Accounts.AccountStoreOptions.For(sp.GetRequiredService<FlowsHostOptions>(), configuration));
        services.TryAddSingleton<Flows.Host.Accounts.AccountStore>();
        services.TryAddSingleton<Flows.Host.Store.NodeSharing>();
        services.TryAddSingleton<Plugins.Nodes.NodePluginsBoard>();
        services.TryAddSingleton<Flows.Host.Accounts.AccountForms>();
        services.TryAddSingleton<Flows.Host.Accounts.AccountService>();
        services.AddFlowsOAuthProtocol(configuration);
        services.TryAddSingleton<Flows.Host.OAuth.PendingSignIns>();
        services.TryAddSingleton(Flows.Host.OAuth.Handovers.SignInHandoversFactory.Create);
        services.TryAddSingleton<Flows.Host.OAuth.AccountAuthorizations>();
        return services;
    }
}
