using Flows.Host.Plugins;
using Flows.Host.Plugins.Confinement;
using Flows.Host.Plugins.Isolation;
using Flows.Web.Pages.Errors;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.PageResults;

namespace Flows.Web.Pages.Plugins;

/// <summary>The plugins screen, and enabling or disabling a plugin from it.</summary>
internal static class PluginsHandlers
{
    public static IResult Get(HttpContext context, PluginCatalog catalog, PluginConfinement confinement, PluginWorkers workers, TimeProvider time, Hosting.NodeDisagreementsCache nodes) =>
        Page<PluginsPage>(new
        {
            Plugins = catalog.Plugins.ToList(),
            NodeDisagreements = nodes.Current,
            Confinement = confinement.Status,
            RedirectUri = OAuth.OAuthHandlers.RedirectUri(context.Request).AbsoluteUri,
            WorkersInUse = workers.InUse,
            Running = workers.Running(),
            Now = time.GetUtcNow(),
        });

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
