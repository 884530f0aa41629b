using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flows.Host.Outbound;
using Flows.Host.Plugins.Manifests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// Speaks OAuth 2.0 to a provider for any account type that declares an <c>oauth</c> block: the
/// authorization URL (PKCE, S256), the token requests of each grant, identity and revocation. Every
/// call goes through the plugin's outbound clients (its address policy, timeouts, no redirects).
/// Stores nothing; failures come back in words with a field to blame, never as the provider's body.
/// </summary>
public sealed partial class OAuthClient
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly PluginOutbound _outbound;
    private readonly TimeProvider _time;
    private readonly OAuthContextResolver _resolver;
    private readonly OAuthIdentityReader _identity;
    private readonly ILogger<OAuthClient> _logger;

    public OAuthClient(PluginOutbound outbound, TimeProvider time, IOptions<OAuthOptions> options, ILogger<OAuthClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outbound = outbound;
        _time = time;
        _logger = logger;
        _resolver = new OAuthContextResolver(outbound, options.Value);
        _identity = new OAuthIdentityReader(outbound, logger);
    }

    /// <summary>Resolves <paramref name="declaration"/> with an account's values into what every call needs, or the problem and the field to blame.</summary>
    public OAuthResolution Resolve(string pluginId, OAuthDeclaration declaration, JsonObject accountValues) =>
        _resolver.Resolve(pluginId, declaration, accountValues);

    /// <summary>Where to send the browser: the authorization endpoint with a fresh state and an S256 PKCE challenge.</summary>
    public OAuthAuthorizationRequest BeginAuthorization(OAuthContext context, Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var endpoint = context.AuthorizationEndpoint
            ?? throw new InvalidOperationException($"The {context.Declaration.Provider} account type of plugin {context.PluginId} has no authorization endpoint.");
        var state = OAuthPkce.NewState();
        var verifier = OAuthPkce.NewCodeVerifier();
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", context.ClientId),
            new("redirect_uri", redirectUri.AbsoluteUri),
            new("code_challenge", OAuthPkce.Challenge(verifier)),
            new("code_challenge_method", "S256"),
            new("state", state),
        };
        if (context.Declaration.Scopes.Count > 0)
        {
            query.Add(new("scope", string.Join(' ', context.Declaration.Scopes)));
        }

        // The declaration's extras (prompt, audience…) never replace what the protocol itself sends.
        query.AddRange(context.Declaration.Parameters.Where(p => !query.Any(q => q.Key == p.Key)));
        var separator = string.IsNullOrEmpty(endpoint.Query) ? "?" : "&";
        var url = new Uri(endpoint.AbsoluteUri + separator + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
        LogAuthorizationStarted(_logger, context.PluginId, endpoint);
        return new OAuthAuthorizationRequest { Url = url, State = state, CodeVerifier = verifier };
    }

    /// <summary>Exchanges the code the browser brought back (with the PKCE verifier) for tokens.</summary>
    public Task<OAuthTokenResult> ExchangeCodeAsync(OAuthContext context, string code, string codeVerifier, Uri redirectUri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(codeVerifier);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri.AbsoluteUri),
            new("code_verifier", codeVerifier),
        };
        return RequestTokensAsync(context, OAuthGrant.AuthorizationCode, form, previousRefreshToken: null, [code, codeVerifier], ct);
    }

    /// <summary>A new access token for a refresh token; the refresh token is kept when the provider does not rotate it.</summary>
    public Task<OAuthTokenResult> RefreshAsync(OAuthContext context, string refreshToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refreshToken);
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            // Nothing to ask the provider with: only a new sign-in gives the account a refresh token.
            return Task.FromResult(OAuthTokenResult.Failed($"Sign in again: {context.Declaration.Provider} gave this account no refresh token.", null, OAuthFailureKind.SignInAgain));
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
        };
        return RequestTokensAsync(context, OAuthGrant.RefreshToken, form, refreshToken, [refreshToken], ct);
    }

    /// <summary>Tokens without a browser: the JWT bearer or the client credentials grant.</summary>
    public Task<OAuthTokenResult> ObtainAsync(OAuthContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Declaration.Flow)
        {
            case OAuthFlow.JwtBearer:
                var jwt = context.Jwt ?? throw new InvalidOperationException($"The account type of plugin {context.PluginId} declares no jwt block.");
                var assertion = OAuthJwtAssertion.Create(context.ClientId, jwt, _time.GetUtcNow());
                return RequestTokensAsync(context, OAuthGrant.JwtBearer, [new("grant_type", JwtBearerGrant), new("assertion", assertion)], null, [assertion], ct);
            case OAuthFlow.ClientCredentials:
                var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
                if (context.Declaration.Scopes.Count > 0)
                {
                    form.Add(new("scope", string.Join(' ', context.Declaration.Scopes)));
                }

                return RequestTokensAsync(context, OAuthGrant.ClientCredentials, form, null, [], ct);
            default:
                throw new InvalidOperationException("The authorization code flow obtains tokens through the browser: use BeginAuthorization and ExchangeCodeAsync.");
        }
    }

    /// <summary>Revokes <paramref name="token"/> at the provider (RFC 7009), best effort: done, or why not in words.</summary>
    public async Task<OAuthRevocation> RevokeAsync(OAuthContext context, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var provider = context.Declaration.Provider;
        if (context.RevocationEndpoint is not { } endpoint)
        {
            return OAuthRevocation.NotRevoked($"{provider} offers no way to revoke tokens; revoke the app's access at {provider} if needed.");
        }

        var form = new List<KeyValuePair<string, string>> { new("token", token) };
        AddClient(context, form);
        var outbound = _outbound.For(context.PluginId);
        try
        {
            using var client = outbound.CreateClient();
            using var content = new FormUrlEncodedContent(form);
            using var response = await client.PostAsync(endpoint, content, ct).ConfigureAwait(false);
            LogRevocation(_logger, context.PluginId, endpoint, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return OAuthRevocation.Done;
            }

            var status = (int)response.StatusCode;
            return OAuthRevocation.NotRevoked(status is 429 or >= 500
                ? $"{provider} did not revoke the tokens (HTTP {status}, try later); they expire on their own or can be revoked at {provider}."
                : $"{provider} refused to revoke the tokens (HTTP {status}); revoke the app's access at {provider} if needed.");
        }
        catch (Exception exception) when (OAuthHttp.IsUnreachable(exception, ct))
        {
            var reason = OAuthHttp.Reason(exception);
            LogRevocationFailed(_logger, context.PluginId, endpoint, reason);
            return OAuthRevocation.NotRevoked($"{provider} could not be reached to revoke the tokens ({OAuthHttp.FailureWords(exception, outbound)}); revoke the app's access at {provider} if needed.");
        }
    }

    private async Task<OAuthTokenResult> RequestTokensAsync(
        OAuthContext context, OAuthGrant grant, List<KeyValuePair<string, string>> form, string? previousRefreshToken, IEnumerable<string> secrets, CancellationToken ct)
    {
        if (grant != OAuthGrant.JwtBearer)
        {
            AddClient(context, form);
        }

        var requestSecrets = secrets.Concat(context.ClientSecret is null ? [] : [context.ClientSecret]).ToArray();
        var provider = context.Declaration.Provider;
        var endpoint = context.TokenEndpoint;
        var outbound = _outbound.For(context.PluginId);
        int status;
        string body;
        string? mediaType;
        try
        {
            using var client = outbound.CreateClient();
            using var content = new FormUrlEncodedContent(form);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            status = (int)response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            body = await OAuthHttp.ReadCappedAsync(response.Content, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (OAuthHttp.IsUnreachable(exception, ct))
        {
            var reason = OAuthHttp.Reason(exception);
            LogUnreachable(_logger, grant, context.PluginId, endpoint, reason);
            return OAuthHttp.TokenFailure(context, endpoint, exception, outbound);
        }

        LogTokenAnswer(_logger, grant, context.PluginId, endpoint, status);
        if (status == 429)
        {
            return OAuthTokenResult.Failed($"{provider} is limiting requests right now; try later.", null, OAuthFailureKind.TryLater);
        }

        if (status >= 500)
        {
            return OAuthTokenResult.Failed($"{provider} had a problem answering (HTTP {status}); try later.", null, OAuthFailureKind.TryLater);
        }

        if (status is >= 300 and < 400)
        {
            return OAuthTokenResult.Failed($"{provider}'s token endpoint sent the request elsewhere (HTTP {status}); check the address.", context.FieldOf(endpoint), OAuthFailureKind.Invalid);
        }

        var answer = OAuthHttp.ParseObject(body);
        if (answer is null)
        {
            var what = mediaType is "text/html" || body.TrimStart().StartsWith('<') ? "a web page (perhaps maintenance)" : "something other than JSON";
            return OAuthTokenResult.Failed($"{provider} answered with {what} instead of tokens (HTTP {status}); try later.", null, OAuthFailureKind.TryLater);
        }

        if (status is >= 200 and < 300)
        {
            var now = _time.GetUtcNow();
            var tokens = OAuthTokenAnswer.Read(answer, now, previousRefreshToken);
            if (tokens is null)
            {
                return OAuthTokenResult.Failed($"{provider} answered without an access token; try later.", null, OAuthFailureKind.TryLater);
            }

            var identity = await _identity.ReadAsync(context, tokens, answer, ct).ConfigureAwait(false);
            return OAuthTokenResult.Obtained(tokens with { Identity = identity });
        }

        if (OAuthTokenAnswer.Text(answer["error"]) is not { Length: > 0 } error)
        {
            return OAuthTokenResult.Failed($"{provider} refused the request without saying why (HTTP {status}); try later.", null, OAuthFailureKind.TryLater);
        }

        var failure = OAuthErrorWording.Describe(context, grant, error, OAuthTokenAnswer.Text(answer["error_description"]), requestSecrets);
        var code = OAuthErrorWording.Code(error);
        LogTokenRefused(_logger, grant, context.PluginId, code, status, failure.Kind);
        return OAuthTokenResult.Failed(failure);
    }

    // Client authentication in the body (client_secret_post), as Salesforce and most providers accept.
    private static void AddClient(OAuthContext context, List<KeyValuePair<string, string>> form)
    {
        form.Add(new("client_id", context.ClientId));
        if (context.ClientSecret is not null)
        {
            form.Add(new("client_secret", context.ClientSecret));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OAuth sign-in of plugin {PluginId} started at {Endpoint}")]
    private static partial void LogAuthorizationStarted(ILogger logger, string pluginId, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OAuth {Grant} request of plugin {PluginId} to {Endpoint} answered HTTP {Status}")]
    private static partial void LogTokenAnswer(ILogger logger, OAuthGrant grant, string pluginId, Uri endpoint, int status);

    // The user's own answer says why; an operator only needs it when looking.
    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth {Grant} request of plugin {PluginId} was refused with {Error} (HTTP {Status}), taken as {Kind}")]
    private static partial void LogTokenRefused(ILogger logger, OAuthGrant grant, string pluginId, string error, int status, OAuthFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth {Grant} request of plugin {PluginId} to {Endpoint} failed: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, OAuthGrant grant, string pluginId, Uri endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token revocation of plugin {PluginId} at {Endpoint} answered HTTP {Status}")]
    private static partial void LogRevocation(ILogger logger, string pluginId, Uri endpoint, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token revocation of plugin {PluginId} at {Endpoint} failed: {Reason}")]
    private static partial void LogRevocationFailed(ILogger logger, string pluginId, Uri endpoint, string reason);
}
