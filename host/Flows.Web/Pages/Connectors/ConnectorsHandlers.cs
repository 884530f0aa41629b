using Flows.Host.Accounts;
using Flows.Host.Plugins;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Pages.Connectors;

/// <summary>The start screen's data: the connectors to list and the account counts.</summary>
internal static class ConnectorsHandlers
{
    public static async Task<IResult> GetAsync(PluginCatalog catalog, AccountStore store, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var counts = accounts.GroupBy(a => a.AccountTypeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var connectors = catalog.Plugins.Where(p => p.Accounts.Count > 0 && p.Status != PluginStatus.Superseded).ToList();
        return PageResults.Page<ConnectorsPage>(new { Connectors = connectors, AccountCounts = counts });
    }
}
