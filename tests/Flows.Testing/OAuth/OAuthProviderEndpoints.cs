using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flows.Testing.OAuth;

/// <summary>
/// The generic provider's endpoints: <c>/oauth/authorize</c> (allow page or a direct redirect),
/// <c>/oauth/token</c> (authorization code with PKCE, refresh, client credentials, JWT bearer),
/// <c>/oauth/revoke</c> and <c>/api/me</c>. Errors follow RFC 6749 §5.2.
/// </summary>
internal sealed class OAuthProviderEndpoints(OAuthProviderState state, Func<Uri> baseAddress)
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private OAuthProviderSettings Settings => state.Settings;

    public void Map(WebApplication app)
    {
        app.MapGet("/oauth/authorize", Authorize);
        app.MapPost("/oauth/authorize/decision", DecideAsync);
        app.MapPost("/oauth/token", TokenAsync);
        app.MapPost("/oauth/revoke", RevokeAsync);
        app.MapGet("/api/me", Me);
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["client_id"] != Settings.ClientId || !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            // Never redirect to an address the app did not prove it owns.
            return Results.Content("<!doctype html><title>Error</title><p>Unknown app or redirect address.</p>", "text/html", statusCode: 400);
        }

        var stateValue = query["state"].ToString();
        if (query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.Redirect(Back(redirect, ("error", "invalid_request"), ("error_description", "PKCE with S256 is required"), ("state", stateValue)));
        }

        return Settings.Authorize switch
        {
            AuthorizeChoice.Allow => Results.Redirect(Allow(redirect, query["code_challenge"]!, query["scope"], stateValue)),
            AuthorizeChoice.Deny => Results.Redirect(Deny(redirect, stateValue)),
            _ => Results.Content(Page(redirect, query["code_challenge"]!, query["scope"], stateValue), "text/html"),
        };
    }

    private async Task<IResult> DecideAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var redirect = form["redirect_uri"].ToString();
        return form["decision"] == "allow"
            ? Results.Redirect(Allow(redirect, form["code_challenge"]!, form["scope"], form["state"]!))
            : Results.Redirect(Deny(redirect, form["state"]!));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var grant = form.GetValueOrDefault("grant_type") ?? string.Empty;
        state.TokenRequests.AddOrUpdate(grant, 1, (_, n) => n + 1);
        state.TokenForms.Enqueue(form);
        if (Settings.TokenDelay > TimeSpan.Zero)
        {
            await Task.Delay(Settings.TokenDelay, request.HttpContext.RequestAborted);
        }

        if (state.Scripted.TryDequeue(out var scripted))
        {
            return Results.Content(scripted.Body, scripted.ContentType, Encoding.UTF8, scripted.Status);
        }

        if (grant != JwtBearerGrant && ClientProblem(form) is { } clientProblem)
        {
            return clientProblem;
        }

        switch (grant)
        {
            case "authorization_code":
                if (!state.Codes.TryRemove(form.GetValueOrDefault("code") ?? string.Empty, out var code) || code.ClientId != Settings.ClientId)
                {
                    return Error("invalid_grant", "invalid authorization code");
                }

                if (code.RedirectUri != form.GetValueOrDefault("redirect_uri"))
                {
                    return Error("redirect_uri_mismatch", "redirect_uri must match configuration");
                }

                if (form.GetValueOrDefault("code_verifier") is not { } verifier || Challenge(verifier) != code.Challenge)
                {
                    return Error("invalid_grant", "invalid code verifier");
                }

                return Tokens(code.Subject, withRefreshToken: true, code.Scope, family: null);
            case "refresh_token":
                var refresh = form.GetValueOrDefault("refresh_token") ?? string.Empty;
                if (state.Revoked.ContainsKey(refresh) || !state.RefreshTokens.TryGetValue(refresh, out var subject))
                {
                    return Error("invalid_grant", "expired access/refresh token");
                }

                if (Settings.RotateRefreshTokens)
                {
                    state.RefreshTokens.TryRemove(refresh, out _);
                }

                return Tokens(subject, withRefreshToken: Settings.RotateRefreshTokens, scope: null, family: refresh);
            case "client_credentials":
                return Settings.ClientSecret is null
                    ? Error("invalid_client", "client credentials require a secret", 401)
                    : Tokens(Settings.User.Subject, withRefreshToken: false, form.GetValueOrDefault("scope"), family: null);
            case JwtBearerGrant:
                var (claims, error, description) = JwtBearerVerifier.Verify(form.GetValueOrDefault("assertion") ?? string.Empty, Settings, Origin, DateTimeOffset.UtcNow);
                if (claims is not null)
                {
                    state.Assertions.Enqueue(claims);
                }

                return error is null ? Tokens(Settings.User.Subject, withRefreshToken: false, scope: null, family: null) : Error(error, description);
            default:
                return Error("unsupported_grant_type", "grant type not supported");
        }
    }

    private async Task<IResult> RevokeAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        state.RevokeForms.Enqueue(form);
        if (form.GetValueOrDefault("token") is not { Length: > 0 } token)
        {
            return Error("invalid_request", "token is required");
        }

        // RFC 7009: an unknown token is answered 200 as well.
        state.Revoked[token] = true;
        state.AccessTokens.TryRemove(token, out _);
        if (state.RefreshTokens.TryRemove(token, out _))
        {
            foreach (var (access, issued) in state.AccessTokens)
            {
                if (issued.Family == token)
                {
                    state.AccessTokens.TryRemove(access, out _);
                }
            }
        }

        return Results.Ok();
    }

    private IResult Me(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !state.AccessTokens.TryGetValue(header["Bearer ".Length..], out var issued)
            || issued.Subject != Settings.User.Subject || issued.ExpiresAt <= DateTimeOffset.UtcNow)
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        }

        return Results.Json(new Dictionary<string, string>
        {
            ["sub"] = Settings.User.Subject,
            ["preferred_username"] = Settings.User.Username,
            ["email"] = Settings.User.Username,
            ["name"] = Settings.User.Name,
        });
    }

    private IResult? ClientProblem(Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("client_id") != Settings.ClientId)
        {
            return Error("invalid_client_id", "client identifier invalid");
        }

        return Settings.ClientSecret is not null && form.GetValueOrDefault("client_secret") != Settings.ClientSecret
            ? Error("invalid_client", "invalid client credentials", 401)
            : null;
    }

    private IResult Tokens(string subject, bool withRefreshToken, string? scope, string? family)
    {
        var access = OAuthProviderState.NewToken("at");
        var refresh = withRefreshToken ? OAuthProviderState.NewToken("rt") : null;
        var answer = new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["token_type"] = "Bearer",
            ["expires_in"] = Settings.AccessTokenLifetimeSeconds,
            ["id_token"] = OAuthProviderState.NewToken("idt"),
            ["identity_url"] = new Uri(baseAddress(), "api/me").AbsoluteUri,
            ["username"] = Settings.User.Username,
            ["issued_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (scope is not null)
        {
            answer["scope"] = scope;
        }

        if (refresh is not null)
        {
            state.RefreshTokens[refresh] = subject;
            answer["refresh_token"] = refresh;
        }

        state.AccessTokens[access] = new IssuedAccessToken(subject, DateTimeOffset.UtcNow.AddSeconds(Settings.AccessTokenLifetimeSeconds), refresh ?? family);
        return Results.Json(answer);
    }

    private string Allow(string redirect, string challenge, string? scope, string stateValue)
    {
        var code = OAuthProviderState.NewToken("code");
        state.Codes[code] = new IssuedCode(Settings.ClientId, redirect, challenge, Settings.User.Subject, scope);
        return Back(redirect, ("code", code), ("state", stateValue));
    }

    private static string Deny(string redirect, string stateValue) =>
        Back(redirect, ("error", "access_denied"), ("error_description", "end-user denied authorization"), ("state", stateValue));

    private string Page(string redirect, string challenge, string? scope, string stateValue)
    {
        string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(value)}\">";
        return $"""
            <!doctype html>
            <html><head><title>Allow access</title></head><body>
            <h1>Allow Flows to access your account?</h1>
            <p>Signed in as {WebUtility.HtmlEncode(Settings.User.Username)}.</p>
            <form method="post" action="/oauth/authorize/decision">
            {Hidden("redirect_uri", redirect)}{Hidden("code_challenge", challenge)}{Hidden("scope", scope)}{Hidden("state", stateValue)}
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny">Deny</button>
            </form></body></html>
            """;
    }

    private static string Back(string redirect, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return redirect + (redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string Origin => baseAddress().GetLeftPart(UriPartial.Authority);

    private static IResult Error(string error, string? description, int status = 400) =>
        Results.Json(new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
