using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Api;

/// <summary>The JSON API under /api (same rules and messages as the screens).</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
