using Flows.Contracts;
using Flows.Host.Outbound;
using Flows.Host.Secrets;

namespace Flows.Testing;

/// <summary>
/// What the host gives one plugin, built as the host builds it, for tests that construct a connector's
/// validators directly: its outbound HTTP and address policy (with the operator's allow-list), a logger
/// that keeps every entry behind the host's secret masking, and the host's masking of answers.
/// </summary>
public sealed class HostWiring : IDisposable
{
    private readonly PluginSecretScrubbing _scrubbing = new();

    public HostWiring(string pluginId, string allowedHosts, TimeSpan connectTimeout, TimeSpan requestTimeout)
    {
        PluginId = pluginId;
        var options = new FlowsHostOptions
        {
            OutboundConnectTimeout = connectTimeout,
            OutboundRequestTimeout = requestTimeout,
            OutboundAllowedHosts = null,
        };
        options.PluginAllowedHosts[pluginId] = allowedHosts;
        Http = new OutboundHttp(options, pluginId);
        PluginLog = new ScrubbingPluginLogger(Log, _scrubbing, pluginId);
    }

    public string PluginId { get; }

    /// <summary>The plugin's outbound HTTP; its <see cref="OutboundHttp.Policy"/> is the address policy.</summary>
    public OutboundHttp Http { get; }

    /// <summary>Every entry the plugin wrote, as a log sink would show it (after masking).</summary>
    public RecordingPluginLogger Log { get; } = new();

    /// <summary>The logger to hand the plugin.</summary>
    public IPluginLogger PluginLog { get; }

    /// <summary><paramref name="validator"/> behind the host's masking of the values at <paramref name="secretPointers"/> (the schema's secret fields).</summary>
    public IAccountValidator Masked(IAccountValidator validator, params string[] secretPointers) =>
        new ScrubbingAccountValidator(validator, PluginId, secretPointers, _scrubbing);

    public void Dispose() => Http.Dispose();
}
