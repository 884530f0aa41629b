using System.Composition.Hosting;
using Flows.Contracts;
using Flows.Host.Outbound;
using Flows.Host.Secrets;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Activation;

/// <summary>
/// The bridge from the host's DI container to a plugin's MEF container. Plugins can import exactly
/// these services and nothing else: a logger of their own, the host's clock, and outbound HTTP and
/// the address policy under their own allow-list.
/// </summary>
public sealed class PluginHostServices
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly PluginOutbound _outbound;

    public PluginHostServices(ILoggerFactory loggerFactory, TimeProvider timeProvider, PluginOutbound outbound, PluginSecretScrubbing secretScrubbing)
    {
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _outbound = outbound;
        SecretScrubbing = secretScrubbing;
    }

    /// <summary>The secret values each plugin's log is masked with, wherever its code runs.</summary>
    public PluginSecretScrubbing SecretScrubbing { get; }

    /// <summary>Adds the allow-listed services to <paramref name="configuration"/> for <paramref name="pluginId"/>.</summary>
    public ContainerConfiguration AddTo(ContainerConfiguration configuration, string pluginId) =>
        configuration
            .WithExport<IPluginLogger>(new ScrubbingPluginLogger(new PluginLoggerAdapter(_loggerFactory.CreateLogger($"Flows.Plugins.{pluginId}")), SecretScrubbing, pluginId))
            .WithExport(_timeProvider)
            .WithExport<IOutboundHttp>(_outbound.For(pluginId))
            .WithExport<IOutboundPolicy>(_outbound.For(pluginId).Policy);
}
