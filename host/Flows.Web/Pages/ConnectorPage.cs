using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Flows.Host.Accounts;
using Flows.Host.Forms;
using Flows.Host.Plugins;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>
/// The seed's "previous screen": the account dropdown (label and status), the account chosen in
/// it with edit / validate / delete, and a link to add each account type.
/// </summary>
internal static class ConnectorPage
{
    public static async Task<IResult> GetAsync(
        string pluginId, string? account, string? notice, HttpContext context, PluginCatalog catalog, AccountStore store, AccountForms forms, CancellationToken cancellationToken)
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

        var html = new StringBuilder();
        html.Append("<p class=\"crumbs\"><a href=\"/\">Connectors</a></p><h1>").Append(E(plugin.DisplayName)).Append("</h1>");
        if (plugin.Status != PluginStatus.Active)
        {
            html.Append("<p class=\"reason\">").Append(StatusBadge.For(plugin.Status)).Append(' ').Append(E(plugin.Reason)).Append("</p>");
        }

        if (selected is not null && selected.Id == account && notice is not null)
        {
            Notice(html, notice, selected);
        }
        else if (notice == "deleted")
        {
            html.Append("<p class=\"notice\" role=\"status\">The account was deleted.</p>");
        }

        html.Append("<section aria-labelledby=\"accounts-h\"><h2 id=\"accounts-h\">Accounts</h2>");
        if (accounts.Count == 0)
        {
            html.Append("<p>No accounts yet. Add one below.</p>");
        }
        else
        {
            html.Append("<form method=\"get\" action=\"").Append(E(Routes.Connector(plugin.Id))).Append("\" class=\"picker\" data-autosubmit>")
                .Append("<label for=\"account\">Account</label><div class=\"picker-row\"><select id=\"account\" name=\"account\">");
            foreach (var item in accounts)
            {
                html.Append("<option value=\"").Append(E(item.Id)).Append('"').Append(item.Id == selected!.Id ? " selected" : string.Empty).Append('>')
                    .Append(E(item.Label)).Append(" — ").Append(E(StatusBadge.Text(item))).Append("</option>");
            }

            html.Append("</select><button type=\"submit\" class=\"secondary\">Show</button></div></form>");
            await DetailsAsync(html, context, plugin, selected!, store, forms, cancellationToken).ConfigureAwait(false);
        }

        html.Append("</section><section aria-labelledby=\"add-h\"><h2 id=\"add-h\">Add account</h2><ul class=\"add-list\">");
        foreach (var type in plugin.Accounts)
        {
            html.Append("<li>");
            if (plugin.Status == PluginStatus.Active)
            {
                html.Append("<a class=\"button\" href=\"").Append(E(Routes.NewAccount(plugin.Id, type.Id))).Append("\">").Append(E(type.Title)).Append("</a>");
            }
            else
            {
                html.Append(E(type.Title));
            }

            if (type.Description.Length > 0)
            {
                html.Append(" <span class=\"help\">").Append(E(type.Description)).Append("</span>");
            }

            html.Append("</li>");
        }

        html.Append("</ul></section>");
        return Page(Layout.Render(plugin.DisplayName, html.ToString(), Layout.Section.Connectors));
    }

    private static void Notice(StringBuilder html, string notice, AccountSummary account)
    {
        var what = notice switch
        {
            "saved" => "Saved",
            "validated" => "Checked",
            _ => null,
        };
        if (what is null)
        {
            return;
        }

        html.Append("<p class=\"notice\" role=\"status\">").Append(what).Append(" “").Append(E(account.Label)).Append("”: ")
            .Append(E(StatusBadge.Text(account)));
        if (account.Status.Detail is { } detail)
        {
            html.Append(" — ").Append(E(detail));
        }

        html.Append("</p>");
    }

    private static async Task DetailsAsync(
        StringBuilder html, HttpContext context, PluginInfo plugin, AccountSummary summary, AccountStore store, AccountForms forms, CancellationToken cancellationToken)
    {
        var account = await store.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return;
        }

        var type = plugin.Accounts.FirstOrDefault(a => a.Id == account.AccountTypeId);
        var form = forms.Get(account.AccountTypeId).Form;
        html.Append("<article class=\"account\" aria-labelledby=\"account-h\"><h3 id=\"account-h\">").Append(E(account.Label)).Append("</h3><dl>")
            .Append("<dt>Type</dt><dd>").Append(E(type?.Title ?? account.AccountTypeId)).Append("</dd>")
            .Append("<dt>Status</dt><dd>").Append(StatusBadge.For(summary));
        if (account.Status.Detail is { } detail)
        {
            html.Append(' ').Append(E(detail));
        }

        if (account.SecretsProblem is { } problem)
        {
            html.Append(' ').Append(E(problem));
        }

        html.Append("</dd>");
        if (account.Status.CheckedAt is { } checkedAt)
        {
            html.Append("<dt>Last checked</dt><dd><time datetime=\"").Append(checkedAt.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
                .Append(checkedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time></dd>");
        }

        if (form is not null)
        {
            foreach (var field in form.Schema.Model.Fields.Where(f => !f.Hidden))
            {
                var shown = Shown(field, account);
                if (shown is not null)
                {
                    html.Append("<dt>").Append(E(field.Title)).Append("</dt><dd>").Append(E(shown)).Append("</dd>");
                }
            }
        }

        html.Append("</dl><div class=\"actions\"><a class=\"button\" href=\"").Append(E(Routes.EditAccount(account.Id))).Append("\">Edit</a>")
            .Append(PageForm.Button(context, Routes.ValidateAccount(account.Id), "Validate", "secondary", busy: $"Checking with {plugin.DisplayName}…"))
            .Append("<a class=\"button danger\" href=\"").Append(E(Routes.DeleteAccount(account.Id))).Append("\">Delete</a></div></article>");
    }

    // Top-level values only: a summary, not the form. Secrets show whether they are set, never what they are.
    private static string? Shown(FormField field, Account account)
    {
        if (field.Secret)
        {
            return account.SecretPointers.Contains(field.InstancePath) ? "Set" : "Not set";
        }

        var value = field.InstancePath.Length > 1 ? account.NonSecretValues[field.InstancePath[1..]] : null;
        return value switch
        {
            null => null,
            _ when field.Kind == FieldKind.Choice => field.Options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, value))?.Label ?? value.ToJsonString(),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => v.GetValue<bool>() ? "Yes" : "No",
            _ => value.ToJsonString(),
        };
    }
}
