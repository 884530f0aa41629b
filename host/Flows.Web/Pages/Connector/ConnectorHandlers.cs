using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Plugins;
using Flows.Web.Pages.Errors;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Pages.Connector;

/// <summary>A connector's screen: its accounts (a page of them), the one chosen, and what the last post did.</summary>
internal static class ConnectorHandlers
{
    public static async Task<IResult> GetAsync(
        string pluginId, string? account, string? notice, string? find, PluginCatalog catalog, AccountStore store, AccountForms forms, CancellationToken cancellationToken)
    {
        var plugin = catalog.Find(pluginId);
        if (plugin is null || plugin.Accounts.Count == 0)
        {
            return ErrorPages.NotFound($"There is no connector '{pluginId}'.");
        }

        // Someone here is likely to add or check an account soon: have the connector's code ready by then.
        catalog.Prepare(pluginId);
        var typeIds = plugin.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        find = string.IsNullOrWhiteSpace(find) ? null : find.Trim();

        // Only the first page of the picker's accounts is read and sent, however many the connector has.
        var page = await store.ListPageAsync(new AccountPageQuery(PluginId: plugin.Id, LabelContains: find, Limit: AccountPickerModel.PageSize), cancellationToken).ConfigureAwait(false);
        var accounts = page.Accounts.Where(a => typeIds.Contains(a.AccountTypeId)).ToList();
        var selected = accounts.FirstOrDefault(a => a.Id == account);
        var details = selected is not null ? await store.GetAsync(selected.Id, cancellationToken).ConfigureAwait(false) : null;
        if (selected is null && account is not null && await store.GetAsync(account, cancellationToken).ConfigureAwait(false) is { } asked && typeIds.Contains(asked.AccountTypeId))
        {
            // The account asked for lies beyond the page or outside the filter: it is shown, and listed first.
            details = asked;
            selected = new AccountSummary(asked.Id, asked.AccountTypeId, asked.PluginId, asked.Label, asked.Status, asked.UpdatedAt, asked.SecretsProblem, asked.SignIn);
            accounts.Insert(0, selected);
        }

        if (selected is null && accounts.Count > 0)
        {
            selected = accounts[0];
            details = await store.GetAsync(selected.Id, cancellationToken).ConfigureAwait(false);
        }

        return PageResults.Page<ConnectorPage>(new
        {
            Plugin = plugin,
            Accounts = accounts,
            Picker = new AccountPickerModel(find, page.Next is not null, find is not null || page.Next is not null),
            Selected = selected,
            Details = details,
            Form = details is null ? null : forms.Get(details.AccountTypeId).Form,
            Notice = notice,
            NoticeAccount = selected is not null && selected.Id == account ? selected : null,
        });
    }
}
