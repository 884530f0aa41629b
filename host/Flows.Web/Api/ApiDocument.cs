using Microsoft.AspNetCore.OpenApi;

namespace Flows.Web.Api;

/// <summary>The OpenAPI document's title and description.</summary>
internal static class ApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
    }
}
