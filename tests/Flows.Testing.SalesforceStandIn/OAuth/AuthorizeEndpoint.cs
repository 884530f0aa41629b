using System.Net;
using System.Text;
using Flows.Testing.SalesforceStandIn.Http;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>
/// GET /services/oauth2/authorize shows the log-in-and-allow page; its POST signs the user in and
/// redirects back with a code, or with access_denied.
/// </summary>
internal sealed class AuthorizeEndpoint(StandInState state)
{
    public async Task ShowAsync(HttpContext context)
    {
        var parameters = OAuthParameters.Read(context);
        state.OAuth.RecordAuthorizeRequest(parameters);
        var request = AuthorizeRequest.From(parameters);
        if (await CheckAsync(context, request) is { } app)
        {
            await PageAsync(context, StatusCodes.Status200OK, AuthorizePages.Login(request, app, null, null));
        }
    }

    public async Task DecideAsync(HttpContext context)
    {
        var form = OAuthParameters.Read(context);
        var request = AuthorizeRequest.From(form);
        if (await CheckAsync(context, request) is not { } app)
        {
            return;
        }

        // Deny needs no credentials: whoever is at the page may refuse.
        if (form.GetValueOrDefault("decision") != "Allow")
        {
            Redirect(context, request, ("error", "access_denied"), ("error_description", "end-user denied authorization"));
            return;
        }

        var username = form.GetValueOrDefault("username");
        var user = state.Scenario.FindUser(username);
        if (user is null || !PasswordMatches(user, form.GetValueOrDefault("password")))
        {
            await PageAsync(context, StatusCodes.Status200OK, AuthorizePages.Login(request, app, username, AuthorizePages.WrongCredentials));
            return;
        }

        state.OAuth.RecordApproval(app.ConsumerKey, user.Username);
        var code = state.Codes.Issue(new PendingCode(
            app.ConsumerKey,
            request.RedirectUri!,
            string.IsNullOrEmpty(request.CodeChallenge) ? null : request.CodeChallenge,
            user.Username,
            GrantedScope(app, request.Scope)!,
            DateTimeOffset.UtcNow + state.Scenario.AuthorizationCodeLifetime));
        Redirect(context, request, ("code", code));
    }

    /// <summary>
    /// The app, when the request may go on; otherwise the answer is written: an error page when the
    /// client or redirect URI is wrong (no redirect to an unverified address), else a redirect with the error.
    /// </summary>
    private async Task<StandInConnectedApp?> CheckAsync(HttpContext context, AuthorizeRequest request)
    {
        var app = state.Scenario.FindApp(request.ClientId);
        if (app is null)
        {
            await PageAsync(context, StatusCodes.Status400BadRequest, AuthorizePages.Error("invalid_client_id", "client identifier invalid"));
            return null;
        }

        if (app.Failure == StandInOAuthFailure.MaintenancePage)
        {
            await ScriptedResponses.MaintenancePageAsync(context);
            return null;
        }

        if (!CallbackUrls.IsRegistered(app, request.RedirectUri))
        {
            await PageAsync(context, StatusCodes.Status400BadRequest, AuthorizePages.Error("redirect_uri_mismatch", "redirect_uri must match configuration"));
            return null;
        }

        if (request.ResponseType != "code")
        {
            Redirect(context, request, ("error", "unsupported_response_type"), ("error_description", "response type not supported"));
            return null;
        }

        var hasChallenge = !string.IsNullOrEmpty(request.CodeChallenge);
        if (app.RequiresPkce && !hasChallenge)
        {
            Redirect(context, request, ("error", "invalid_request"), ("error_description", "missing required code challenge"));
            return null;
        }

        if (hasChallenge && request.CodeChallengeMethod is not (null or "S256"))
        {
            Redirect(context, request, ("error", "invalid_request"), ("error_description", "invalid code challenge method"));
            return null;
        }

        if (GrantedScope(app, request.Scope) is null)
        {
            Redirect(context, request, ("error", "invalid_scope"), ("error_description", "the requested scope is not allowed"));
            return null;
        }

        return app;
    }

    /// <summary>The requested scopes when the app has them all (its own when none were asked for); null otherwise.</summary>
    private static string? GrantedScope(StandInConnectedApp app, string? requested)
    {
        var scopes = (requested ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0)
        {
            return string.Join(' ', app.Scopes);
        }

        return scopes.All(app.Scopes.Contains) ? string.Join(' ', scopes.Distinct()) : null;
    }

    private static bool PasswordMatches(StandInUser user, string? password) =>
        password is not null && password.Length > 0 && string.Equals(password, user.Password, StringComparison.Ordinal);

    /// <summary>302 to the redirect URI with the answer (and the state, when there was one) in its query.</summary>
    private static void Redirect(HttpContext context, AuthorizeRequest request, params (string Name, string Value)[] answer)
    {
        var location = new StringBuilder(request.RedirectUri);
        var separator = request.RedirectUri!.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in request.State is null ? answer : [.. answer, ("state", request.State)])
        {
            location.Append(separator).Append(name).Append('=').Append(WebUtility.UrlEncode(value));
            separator = '&';
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location.ToString();
        context.Response.Headers.CacheControl = "no-store";
    }

    private static Task PageAsync(HttpContext context, int status, string html)
    {
        context.Response.Headers.CacheControl = "no-store";
        return ScriptedResponses.WriteAsync(context, status, AuthorizePages.ContentType, html);
    }
}
