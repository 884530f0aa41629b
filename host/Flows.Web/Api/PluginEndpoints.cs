using Flows.Host.Plugins;
using Flows.Host.Plugins.Confinement;
using Flows.Host.Plugins.Isolation;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Api;

/// <summary><c>/api/plugins</c>: every plugin found and its status (read from manifests only); enable and disable.</summary>
internal static class PluginEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plugins", List)
            .WithName("ListPlugins")
            .WithTags("Plugins")
            .WithSummary("Lists every plugin with its status.")
            .WithDescription("Every plugin folder the host found, with its version, where it came from (bundled or user), its status (active, disabled, incompatible, superseded, faulted) and, when it is not active, the stage, the reason and each problem; whether its code runs confined on this machine; and, while its worker process runs, that process's id, memory and since when it has been idle; with a store several nodes share, `nodesDisagree` when the nodes run different versions of it or some lack it (each node has its own plugin folders). Loads no plugin code.")
            .ProducesJson<IReadOnlyList<PluginResponse>>();

        api.MapPost("/plugins/{id}/enable", (string id, HttpContext context, PluginCatalog catalog, PluginConfinement confinement, PluginWorkers workers) => SetEnabled(id, enabled: true, context, catalog, confinement, workers))
            .WithName("EnablePlugin")
            .WithTags("Plugins")
            .WithSummary("Enables a plugin (and retries one whose last activation failed).")
            .WithDescription("Persisted in the data directory, as `flows plugins enable` and the Plugins page do. Answers the plugin as it is now. Send Content-Type: application/json; the body is ignored.")
            .ProducesJson<PluginResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/plugins/{id}/disable", (string id, HttpContext context, PluginCatalog catalog, PluginConfinement confinement, PluginWorkers workers) => SetEnabled(id, enabled: false, context, catalog, confinement, workers))
            .WithName("DisablePlugin")
            .WithTags("Plugins")
            .WithSummary("Disables a plugin: its account types are no longer offered; stored accounts stay.")
            .WithDescription("Persisted in the data directory, as `flows plugins disable` and the Plugins page do. Answers the plugin as it is now. Send Content-Type: application/json; the body is ignored.")
            .ProducesJson<PluginResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType);
    }

    private static IResult SetEnabled(string id, bool enabled, HttpContext context, PluginCatalog catalog, PluginConfinement confinement, PluginWorkers workers)
    {
        if (catalog.Find(id) is null)
        {
            return ApiProblems.Missing(context, $"No plugin with id '{id}' is installed.");
        }

        catalog.SetEnabled(id, enabled);
        var plugin = catalog.Find(id)!;
        return ApiResults.Ok(PluginResponse.From(plugin, confinement.Status, PluginWorkers.Of(plugin, workers.Running())), ApiJson.Api.PluginResponse);
    }

    private static IResult List(PluginCatalog catalog, PluginConfinement confinement, PluginWorkers workers, Hosting.NodeDisagreementsCache nodes)
    {
        var running = workers.Running();
        var disagreements = nodes.Current;
        return ApiResults.Ok<IReadOnlyList<PluginResponse>>(
            [.. catalog.Plugins.Select(p => PluginResponse.From(p, confinement.Status, PluginWorkers.Of(p, running), disagreements.FirstOrDefault(d => d.PluginId == p.Id)?.Sentence))],
            ApiJson.Api.IReadOnlyListPluginResponse);
    }
}
