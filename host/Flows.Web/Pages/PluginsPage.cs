using System.Text;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Confinement;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>Every plugin folder the host found: version, status, the stage and reason when it is not Active, enable / disable.</summary>
internal static class PluginsPage
{
    public static IResult Get(HttpContext context, PluginCatalog catalog, PluginConfinement confinement)
    {
        var html = new StringBuilder("<h1>Plugins</h1>");
        var confined = confinement.Status;
        html.Append(confined.Confined ? "<p class=\"meta\" id=\"confinement\">" : "<p class=\"summary\" role=\"note\" id=\"confinement\">")
            .Append(E(confined.Summary)).Append("</p>");
        html.Append("<div class=\"table-wrap\"><table><caption class=\"visually-hidden\">Installed plugins</caption><thead><tr>")
            .Append("<th scope=\"col\">Plugin</th><th scope=\"col\">Version</th><th scope=\"col\">Status</th><th scope=\"col\">Details</th><th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th>")
            .Append("</tr></thead><tbody>");
        foreach (var plugin in catalog.Plugins)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(plugin.DisplayName)).Append("<div class=\"meta\">").Append(E(plugin.Id)).Append(" · ")
                .Append(plugin.Source.ToString().ToLowerInvariant()).Append("</div></th>")
                .Append("<td>").Append(E(plugin.Version?.ToString() ?? "—")).Append("</td>")
                .Append("<td>").Append(StatusBadge.For(plugin.Status)).Append("</td><td>");
            if (plugin.Status != PluginStatus.Active)
            {
                if (plugin.Stage is { } stage)
                {
                    html.Append("<span class=\"meta\">At ").Append(E(stage.ToString().ToLowerInvariant())).Append(":</span> ");
                }

                html.Append(E(plugin.Reason));
                if (plugin.Problems.Count > 0)
                {
                    html.Append("<ul class=\"problems\">");
                    foreach (var problem in plugin.Problems)
                    {
                        html.Append("<li>").Append(E(problem)).Append("</li>");
                    }

                    html.Append("</ul>");
                }
            }
            else if (plugin.Accounts.Count > 0)
            {
                html.Append("<a href=\"").Append(E(Routes.Connector(plugin.Id))).Append("\">").Append(string.Join(", ", plugin.Accounts.Select(a => E(a.Title)))).Append("</a>");
            }

            html.Append("</td><td>");
            if (plugin.Status == PluginStatus.Disabled)
            {
                html.Append(PageForm.Button(context, Routes.EnablePlugin(plugin.Id), "Enable", "secondary"));
            }
            else if (plugin.Status != PluginStatus.Superseded)
            {
                if (plugin.Status == PluginStatus.Faulted)
                {
                    // Enabling clears the remembered fault: the next use tries to load it again.
                    html.Append(PageForm.Button(context, Routes.EnablePlugin(plugin.Id), "Retry", "secondary"));
                }

                html.Append(PageForm.Button(context, Routes.DisablePlugin(plugin.Id), "Disable", "secondary"));
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
        return Page(Layout.Render("Plugins", html.ToString(), Layout.Section.Plugins));
    }

    public static async Task<IResult> SetEnabledAsync(string pluginId, bool enabled, HttpContext context, PluginCatalog catalog)
    {
        var (_, trusted) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        if (!trusted)
        {
            return ErrorPages.Untrusted(Routes.Plugins);
        }

        if (catalog.Find(pluginId) is null)
        {
            return ErrorPages.NotFound($"No plugin with id '{pluginId}' is installed.");
        }

        catalog.SetEnabled(pluginId, enabled);
        return SeeOther(Routes.Plugins);
    }
}
