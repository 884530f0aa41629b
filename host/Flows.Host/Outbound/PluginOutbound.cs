using System.Collections.Concurrent;
using Flows.Host.Hosting;

namespace Flows.Host.Outbound;

/// <summary>
/// Each plugin's outbound services, bound to its id (so to its own allow-list as well as the one for
/// every plugin): one <see cref="OutboundHttp"/> per plugin, whose connections are pooled.
/// </summary>
public sealed class PluginOutbound(FlowsHostOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OutboundHttp>> _plugins = new(StringComparer.Ordinal);

    /// <summary>The HTTP clients and address policy of <paramref name="pluginId"/>.</summary>
    public OutboundHttp For(string pluginId) =>
        _plugins.GetOrAdd(pluginId, id => new Lazy<OutboundHttp>(() => new OutboundHttp(options, id))).Value;

    public void Dispose()
    {
        foreach (var plugin in _plugins.Values.Where(p => p.IsValueCreated))
        {
            plugin.Value.Dispose();
        }
    }
}
