using Flows.Host.Accounts;
using Flows.Host.Plugins;
using Flows.Web.Pages.Accounts;
using Flows.Web.Pages.Connector;
using Flows.Web.Pages.Connectors;
using Flows.Web.Pages.Errors;
using Flows.Web.Pages.OAuth;
using Flows.Web.Pages.Plugins;
using Flows.Web.Pages.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Pages;

/// <summary>The screens' routes, on the patterns of <see cref="Routes"/> (which the links are made from too).</summary>
internal static class PageEndpoints
{
    // HEAD is answered like GET (Kestrel leaves out the body), as HTTP expects of every page.
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapFlowsPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(string.Empty).ExcludeFromDescription();
        pages.MapPage(Routes.Connectors, ConnectorsHandlers.GetAsync);
        pages.MapPage(Routes.ConnectorPattern, ConnectorHandlers.GetAsync);
        pages.MapPage(Routes.NewAccountPattern, AccountFormHandlers.GetNewAsync);
        pages.MapPost(Routes.NewAccountPattern, AccountFormHandlers.PostNewAsync);
        pages.MapPage(Routes.EditAccountPattern, AccountFormHandlers.GetEditAsync);
        pages.MapPost(Routes.EditAccountPattern, AccountFormHandlers.PostEditAsync);
        pages.MapPost(Routes.ValidateAccountPattern, AccountActionHandlers.ValidateAsync);
        pages.MapPage(Routes.DeleteAccountPattern, AccountActionHandlers.ConfirmDeleteAsync);
        pages.MapPost(Routes.DeleteAccountPattern, AccountActionHandlers.DeleteAsync);
        pages.MapPage(Routes.OAuthCallback, OAuthHandlers.CallbackAsync);
        pages.MapPage(Routes.OAuthFinishPattern, OAuthHandlers.Finish);
        pages.MapPage(Routes.Plugins, PluginsHandlers.Get);
        pages.MapPost(Routes.EnablePluginPattern, (string pluginId, HttpContext context, PluginCatalog catalog) => PluginsHandlers.SetEnabledAsync(pluginId, true, context, catalog));
        pages.MapPost(Routes.DisablePluginPattern, (string pluginId, HttpContext context, PluginCatalog catalog) => PluginsHandlers.SetEnabledAsync(pluginId, false, context, catalog));
        pages.MapPage(Routes.SignIn, SignInHandlers.Get);
        pages.MapPost(Routes.SignIn, SignInHandlers.PostAsync);
        // Liveness: the process answers. Readiness: the account store answers too (a load balancer sends
        // no one to a node whose store is away).
        pages.MapPage(Routes.Health, () => Results.Text("ok"));
        // Anyone may ask (no credential), so the answer names nothing; the log has the fault in words.
        pages.MapPage(Routes.Readiness, async (AccountStore store, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            if (await store.CheckReadyAsync(cancellationToken).ConfigureAwait(false) is not { } fault)
            {
                return Results.Text("ready");
            }

            Readiness.LogNotReady(loggers.CreateLogger("Flows.Web"), fault);
            return Results.Text("store unavailable, try later", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
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

/// <summary>What the readiness check logs.</summary>
internal static partial class Readiness
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Not ready: {Reason}")]
    public static partial void LogNotReady(Microsoft.Extensions.Logging.ILogger logger, string reason);
}
