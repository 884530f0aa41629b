using Flows.Host.Plugins;
using Flows.Host.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Hosting;

/// <summary>
/// On a node of a shared store, listens for what other nodes change: a plugin enabled or disabled (or
/// an activation failure remembered) makes this node's catalog read the state again, so the next
/// page shows it without a restart. Accounts need nothing: every page reads them from the store.
/// </summary>
internal sealed partial class SharedChangesListener(NodeSharing sharing, PluginCatalog catalog, ILogger<SharedChangesListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (sharing.Documents is not { } documents)
        {
            return Task.CompletedTask;
        }

        documents.Changed += (_, change) =>
        {
            if (change.Kind is "plugin-state" or "*")
            {
                LogPluginStateChanged(logger, change.Name);
                catalog.Refresh();
            }
        };
        return documents.ListenAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The state of plugin {PluginId} changed on a node of the store; reading the plugins again")]
    private static partial void LogPluginStateChanged(ILogger logger, string pluginId);
}
