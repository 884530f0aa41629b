using Flows.Host.Plugins;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Api;

/// <summary><c>GET /api/plugins</c>: every plugin found and its status, read from manifests only.</summary>
internal static class PluginEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plugins", List)
            .WithName("ListPlugins")
            .WithTags("Plugins")
            .WithSummary("Lists every plugin with its status.")
            .WithDescription("Every plugin folder the host found, with its version, where it came from (bundled or user), its status (active, disabled, incompatible, superseded, faulted) and, when it is not active, the stage, the reason and each problem. Loads no plugin code.")
            .Produces<IReadOnlyList<PluginResponse>>(StatusCodes.Status200OK, ApiResults.Json);
    }

    private static IResult List(PluginCatalog catalog) =>
        ApiResults.Ok<IReadOnlyList<PluginResponse>>([.. catalog.Plugins.Select(PluginResponse.From)], ApiJson.Api.IReadOnlyListPluginResponse);
}
