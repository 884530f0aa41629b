using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Pages;

/// <summary>The screens' routes (see <see cref="Routes"/> for the links to them).</summary>
internal static class PageEndpoints
{
    // HEAD is answered like GET (Kestrel leaves out the body), as HTTP expects of every page.
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapFlowsPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(string.Empty).ExcludeFromDescription();
        pages.MapPage(Routes.Connectors, ConnectorsPage.GetAsync);
        pages.MapPage("/connectors/{pluginId}", ConnectorPage.GetAsync);
        pages.MapPage("/connectors/{pluginId}/new/{accountTypeId}", AccountFormPage.GetNew);
        pages.MapPost("/connectors/{pluginId}/new/{accountTypeId}", AccountFormPage.PostNewAsync);
        pages.MapPage("/accounts/{accountId}/edit", AccountFormPage.GetEditAsync);
        pages.MapPost("/accounts/{accountId}/edit", AccountFormPage.PostEditAsync);
        pages.MapPost("/accounts/{accountId}/validate", AccountActions.ValidateAsync);
        pages.MapPage("/accounts/{accountId}/delete", AccountActions.ConfirmDeleteAsync);
        pages.MapPost("/accounts/{accountId}/delete", AccountActions.DeleteAsync);
        pages.MapPage(Routes.Plugins, PluginsPage.Get);
        pages.MapPost("/plugins/{pluginId}/enable", (string pluginId, HttpContext context, Flows.Host.Plugins.PluginCatalog catalog) => PluginsPage.SetEnabledAsync(pluginId, true, context, catalog));
        pages.MapPost("/plugins/{pluginId}/disable", (string pluginId, HttpContext context, Flows.Host.Plugins.PluginCatalog catalog) => PluginsPage.SetEnabledAsync(pluginId, false, context, catalog));
        pages.MapPage(SignInPage.Path, SignInPage.Get);
        pages.MapPost(SignInPage.Path, SignInPage.PostAsync);
        pages.MapPage("/healthz", () => Results.Text("ok"));
        // Browsers ask for it on every new tab; there is no icon, and a 404 would be noise in their consoles.
        pages.MapPage("/favicon.ico", () => Results.NoContent());

        // An address that names nothing: a page for people, a problem for the API's clients.
        endpoints.MapFallback((HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? Results.Problem(title: "Not found.", detail: $"There is no API at {context.Request.Path}; the OpenAPI document at /api/openapi.json lists them.", statusCode: StatusCodes.Status404NotFound, type: "urn:flows:problem:not-found")
            : ErrorPages.NotFound("There is no page at this address.")).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>A page: answers GET, and HEAD the same way without the body.</summary>
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapMethods(pattern, GetAndHead, handler);
}
