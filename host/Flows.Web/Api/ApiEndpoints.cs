using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Api;

/// <summary>
/// The JSON API under /api (same rules and messages as the screens). Every POST and PUT must say
/// <c>Content-Type: application/json</c> (415 otherwise), body or not: a page on another site can
/// post an HTML form to this server, but it cannot send JSON without the browser asking first. That
/// is the API's defence against cross-site requests.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.AddEndpointFilter(RequireJsonAsync);
        PluginEndpoints.Map(api);
        AccountTypeEndpoints.Map(api);
        AccountEndpoints.Map(api);
        return endpoints;
    }

    private static async ValueTask<object?> RequireJsonAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)) && !request.HasJsonContentType())
        {
            return ApiProblems.NotJson(context.HttpContext);
        }

        return await next(context).ConfigureAwait(false);
    }
}
