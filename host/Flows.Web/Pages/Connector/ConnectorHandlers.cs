using Flows.Host.Accounts;
using Flows.Host.Forms;
using Flows.Host.Plugins;
using Flows.Web.Pages.Errors;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Pages.Connector;

/// <summary>A connector's screen: its accounts, the one chosen, and what the last post did.</summary>
internal static class ConnectorHandlers
{
    public static async Task<IResult> GetAsync(
        string pluginId, string? account, string? notice, PluginCatalog catalog, AccountStore store, AccountForms forms, CancellationToken cancellationToken)
    {
        var plugin = catalog.Find(pluginId);
        if (plugin is null || plugin.Accounts.Count == 0)
        {
            return ErrorPages.NotFound($"There is no connector '{pluginId}'.");
        }

        // Someone here is likely to add or check an account soon: have the connector's code ready by then.
        catalog.Prepare(pluginId);
        var typeIds = plugin.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var accounts = (await store.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(a => typeIds.Contains(a.AccountTypeId))
            .OrderBy(a => a.Label, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var selected = accounts.FirstOrDefault(a => a.Id == account) ?? accounts.FirstOrDefault();
        var details = selected is null ? null : await store.GetAsync(selected.Id, cancellationToken).ConfigureAwait(false);
        return PageResults.Page<ConnectorPage>(new
        {
            Plugin = plugin,
            Accounts = accounts,
            Selected = selected,
            Details = details,
            Form = details is null ? null : forms.Get(details.AccountTypeId).Form,
            Notice = notice,
            NoticeAccount = selected is not null && selected.Id == account ? selected : null,
        });
    }
}
