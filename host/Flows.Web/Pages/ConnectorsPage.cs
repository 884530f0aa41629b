using System.Globalization;
using System.Text;
using Flows.Host.Accounts;
using Flows.Host.Plugins;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>The start screen: every connector with its status, its account types and how many accounts each has.</summary>
internal static class ConnectorsPage
{
    public static async Task<IResult> GetAsync(PluginCatalog catalog, AccountStore store, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var counts = accounts.GroupBy(a => a.AccountTypeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var connectors = catalog.Plugins.Where(p => p.Accounts.Count > 0 && p.Status != PluginStatus.Superseded).ToList();

        var html = new StringBuilder("<h1>Connectors</h1>");
        if (connectors.Count == 0)
        {
            html.Append("<p>No connector is installed. Install one with <code>flows plugins install &lt;folder-or-zip&gt;</code>, then reload this page.</p>");
        }

        html.Append("<ul class=\"cards\">");
        foreach (var plugin in connectors)
        {
            var active = plugin.Status == PluginStatus.Active;
            var total = plugin.Accounts.Sum(a => counts.GetValueOrDefault(a.Id));
            html.Append("<li class=\"card\"><h2>");
            if (active)
            {
                html.Append("<a href=\"").Append(E(Routes.Connector(plugin.Id))).Append("\">").Append(E(plugin.DisplayName)).Append("</a>");
            }
            else
            {
                html.Append(E(plugin.DisplayName));
            }

            html.Append("</h2><p class=\"meta\">").Append(StatusBadge.For(plugin.Status)).Append(' ')
                .Append(E(plugin.Version?.ToString() ?? string.Empty)).Append(" · ")
                .Append(Count(total, "account")).Append("</p>");
            if (!active)
            {
                html.Append("<p class=\"reason\">").Append(E(plugin.Reason ?? $"This connector is {plugin.Status}.")).Append(" <a href=\"").Append(Routes.Plugins).Append("\">Plugins</a></p>");
            }

            html.Append("<ul class=\"types\">");
            foreach (var type in plugin.Accounts)
            {
                html.Append("<li><span class=\"type\">").Append(E(type.Title)).Append("</span> <span class=\"meta\">")
                    .Append(Count(counts.GetValueOrDefault(type.Id), "account")).Append("</span>");
                if (active)
                {
                    html.Append(" <a class=\"add\" href=\"").Append(E(Routes.NewAccount(plugin.Id, type.Id))).Append("\">Add ").Append(E(type.Title)).Append("</a>");
                }

                html.Append("</li>");
            }

            html.Append("</ul></li>");
        }

        html.Append("</ul>");
        return Page(Layout.Render("Connectors", html.ToString(), Layout.Section.Connectors));
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
