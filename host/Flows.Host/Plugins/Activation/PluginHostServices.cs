using System.Composition.Hosting;
using Flows.Contracts;
using Flows.Host.Secrets;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Activation;

/// <summary>
/// The bridge from the host's DI container to a plugin's MEF container. Plugins can import exactly
/// these services and nothing else: a logger of their own, the host's clock and its outbound HTTP.
/// </summary>
public sealed class PluginHostServices
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly IOutboundHttp _outboundHttp;

    public PluginHostServices(ILoggerFactory loggerFactory, TimeProvider timeProvider, IOutboundHttp outboundHttp, PluginSecretScrubbing secretScrubbing)
    {
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _outboundHttp = outboundHttp;
        SecretScrubbing = secretScrubbing;
    }

    /// <summary>The secret values each plugin's log is masked with, wherever its code runs.</summary>
    public PluginSecretScrubbing SecretScrubbing { get; }

    /// <summary>Adds the allow-listed services to <paramref name="configuration"/> for <paramref name="pluginId"/>.</summary>
    public ContainerConfiguration AddTo(ContainerConfiguration configuration, string pluginId) =>
        configuration
            .WithExport<IPluginLogger>(new ScrubbingPluginLogger(new PluginLoggerAdapter(_loggerFactory.CreateLogger($"Flows.Plugins.{pluginId}")), SecretScrubbing, pluginId))
            .WithExport(_timeProvider)
            .WithExport(_outboundHttp);
}
