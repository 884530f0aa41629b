using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
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
    private const int MaxAnswerBytes = 256 * 1024;
    private const int MaxIdentityLength = 200;
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    // Without identityClaims, the OpenID Connect claims that name a person, most readable first.
    private static readonly string[] DefaultIdentityClaims = ["preferred_username", "email", "name", "sub"];

    private readonly PluginOutbound _outbound;
    private readonly TimeProvider _time;
    private readonly OAuthOptions _options;
    private readonly ILogger<OAuthClient> _logger;

    public OAuthClient(PluginOutbound outbound, TimeProvider time, IOptions<OAuthOptions> options, ILogger<OAuthClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outbound = outbound;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Resolves <paramref name="declaration"/> with an account's values into what every call needs, or the problem and the field to blame.</summary>
    public OAuthResolution Resolve(string pluginId, OAuthDeclaration declaration, JsonObject accountValues)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(accountValues);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in accountValues)
        {
            if (OAuthTokenAnswer.Text(value) is { } text)
            {
                fields[name] = text;
            }
        }

        var provider = declaration.Provider;
        var client = declaration.Client;
        string? clientId;
        string? clientSecret;
        var fromConfiguration = client.ConfigKey is not null && _options.Clients.TryGetValue(client.ConfigKey, out var configured) && !string.IsNullOrWhiteSpace(configured.ClientId);
        if (fromConfiguration)
        {
            var credentials = _options.Clients[client.ConfigKey!];
            clientId = credentials.ClientId!.Trim();
            clientSecret = NullIfBlank(credentials.ClientSecret);
        }
        else
        {
            clientId = client.IdField is null ? null : NullIfBlank(fields.GetValueOrDefault(client.IdField));
            clientSecret = client.SecretField is null ? null : NullIfBlank(fields.GetValueOrDefault(client.SecretField));
        }

        if (clientId is null)
        {
            return client.IdField is not null
                ? OAuthResolution.Refused($"Enter the client id (consumer key) of the app registered at {provider}.", client.IdField)
                : OAuthResolution.Refused($"The Flows operator has not configured the {provider} app: set OAuth:Clients:{client.ConfigKey}:ClientId.", null);
        }

        if (declaration.Flow == OAuthFlow.ClientCredentials && clientSecret is null)
        {
            return client.SecretField is not null && !fromConfiguration
                ? OAuthResolution.Refused($"Enter the client secret (consumer secret) of the app registered at {provider}.", client.SecretField)
                : OAuthResolution.Refused($"The Flows operator has not configured the {provider} app's secret: set OAuth:Clients:{client.ConfigKey}:ClientSecret.", null);
        }

        var rules = new OAuthEndpointRules(pluginId, provider, declaration.Hosts, _outbound.For(pluginId).Policy);
        var endpointFields = new Dictionary<Uri, string>();
        var token = rules.Resolve(declaration.TokenUrl, "token endpoint", fields);
        if (token.Url is null)
        {
            return OAuthResolution.Refused(token.Problem!, token.Field);
        }

        Remember(token);
        Uri? authorization = null;
        if (declaration.AuthorizationUrl is not null)
        {
            var outcome = rules.Resolve(declaration.AuthorizationUrl, "authorization endpoint", fields);
            if (outcome.Url is null)
            {
                return OAuthResolution.Refused(outcome.Problem!, outcome.Field);
            }

            authorization = Remember(outcome);
        }

        Uri? revocation = null;
        if (declaration.RevocationUrl is not null)
        {
            var outcome = rules.Resolve(declaration.RevocationUrl, "revocation endpoint", fields);
            if (outcome.Url is null)
            {
                return OAuthResolution.Refused(outcome.Problem!, outcome.Field);
            }

            revocation = Remember(outcome);
        }

        // An identity URL from the token answer is judged once there is an answer; one from a field, now.
        if (declaration.IdentityUrl is { } identity && !identity.StartsWith("{token.", StringComparison.Ordinal)
            && rules.Resolve(identity, "identity endpoint", fields) is { Url: null } badIdentity)
        {
            return OAuthResolution.Refused(badIdentity.Problem!, badIdentity.Field);
        }

        OAuthJwtInputs? jwt = null;
        if (declaration.Flow == OAuthFlow.JwtBearer && declaration.Jwt is { } jwtDeclaration)
        {
            var subject = NullIfBlank(fields.GetValueOrDefault(jwtDeclaration.SubjectField));
            if (subject is null)
            {
                return OAuthResolution.Refused($"Enter the {provider} user name the app signs in as.", jwtDeclaration.SubjectField);
            }

            var privateKey = fields.GetValueOrDefault(jwtDeclaration.PrivateKeyField) ?? string.Empty;
            if (OAuthJwtAssertion.CheckKey(privateKey) is { } keyProblem)
            {
                return OAuthResolution.Refused(keyProblem, jwtDeclaration.PrivateKeyField);
            }

            var audience = Audience(jwtDeclaration, accountValues, fields, out var audienceField);
            if (audience is null)
            {
                return OAuthResolution.Refused("Enter a URL starting with https://.", audienceField);
            }

            jwt = new OAuthJwtInputs
            {
                Subject = subject,
                Audience = audience,
                Lifetime = TimeSpan.FromSeconds(Math.Clamp(jwtDeclaration.LifetimeSeconds, 30, 300)),
                PrivateKeyPem = privateKey,
            };
        }

        return OAuthResolution.Resolved(new OAuthContext
        {
            PluginId = pluginId,
            Declaration = declaration,
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientFromConfiguration = fromConfiguration,
            AuthorizationEndpoint = authorization,
            TokenEndpoint = token.Url,
            RevocationEndpoint = revocation,
            IdentityEndpoint = declaration.IdentityUrl,
            Jwt = jwt,
            EndpointFields = endpointFields,
            FieldValues = fields,
        });

        Uri Remember(OAuthEndpointRules.Outcome outcome)
        {
            if (outcome.Field is not null)
            {
                endpointFields[outcome.Url!] = outcome.Field;
            }

            return outcome.Url!;
        }
    }

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
        catch (Exception exception) when (IsUnreachable(exception, ct))
        {
            var reason = Reason(exception);
            LogRevocationFailed(_logger, context.PluginId, endpoint, reason);
            return OAuthRevocation.NotRevoked($"{provider} could not be reached to revoke the tokens ({Unreachable(exception, outbound)}); revoke the app's access at {provider} if needed.");
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
            body = await ReadCappedAsync(response.Content, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnreachable(exception, ct))
        {
            var reason = Reason(exception);
            LogUnreachable(_logger, grant, context.PluginId, endpoint, reason);
            return Unreachable(context, endpoint, exception, outbound);
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

        var answer = ParseObject(body);
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

            var identity = await IdentityAsync(context, tokens, answer, ct).ConfigureAwait(false);
            return OAuthTokenResult.Obtained(tokens with { Identity = identity });
        }

        if (OAuthTokenAnswer.Text(answer["error"]) is not { Length: > 0 } error)
        {
            return OAuthTokenResult.Failed($"{provider} refused the request without saying why (HTTP {status}); try later.", null, OAuthFailureKind.TryLater);
        }

        var failure = OAuthErrorWording.Describe(context, grant, error, OAuthTokenAnswer.Text(answer["error_description"]), requestSecrets);
        var code = SafeCode(error);
        LogTokenRefused(_logger, grant, context.PluginId, code, status, failure.Kind);
        return OAuthTokenResult.Failed(failure);
    }

    private async Task<string?> IdentityAsync(OAuthContext context, OAuthTokenSet tokens, JsonObject answer, CancellationToken ct)
    {
        var claims = context.Declaration.IdentityClaims.Count > 0 ? context.Declaration.IdentityClaims : DefaultIdentityClaims;
        if (context.IdentityEndpoint is not { } template)
        {
            return FirstClaim(answer, claims);
        }

        var rules = new OAuthEndpointRules(context.PluginId, context.Declaration.Provider, context.Declaration.Hosts, _outbound.For(context.PluginId).Policy);
        var endpoint = rules.Resolve(template, "identity URL", context.FieldValues, tokens.Properties);
        if (endpoint.Url is null)
        {
            LogIdentityUnavailable(_logger, context.PluginId, endpoint.Problem!);
            return null;
        }

        // Who signed in is a courtesy: a sign-in that worked is not undone because this read failed.
        try
        {
            using var client = _outbound.For(context.PluginId).CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogIdentityAnswer(_logger, context.PluginId, endpoint.Url, (int)response.StatusCode);
                return null;
            }

            var identity = ParseObject(await ReadCappedAsync(response.Content, ct).ConfigureAwait(false)) is { } found ? FirstClaim(found, claims) : null;
            if (identity is null)
            {
                LogIdentityMissing(_logger, context.PluginId, endpoint.Url);
            }

            return identity;
        }
        catch (Exception exception) when (IsUnreachable(exception, ct))
        {
            var reason = Reason(exception);
            LogIdentityUnavailable(_logger, context.PluginId, reason);
            return null;
        }
    }

    private static string? FirstClaim(JsonObject answer, IReadOnlyList<string> claims)
    {
        foreach (var claim in claims)
        {
            if (OAuthTokenAnswer.Text(answer[claim])?.Trim() is { Length: > 0 } value)
            {
                return value.Length > MaxIdentityLength ? value[..MaxIdentityLength] : value;
            }
        }

        return null;
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

    private static OAuthTokenResult Unreachable(OAuthContext context, Uri endpoint, Exception exception, OutboundHttp outbound)
    {
        var field = context.FieldOf(endpoint);
        var provider = context.Declaration.Provider;
        if (FindRefusal(exception) is { } refused)
        {
            // The operator's address policy, already in words naming the host and where to allow it.
            return OAuthTokenResult.Failed(refused.Message, field, OAuthFailureKind.Invalid);
        }

        // A name that does not exist is a typo in the field; a lookup that failed for now is not.
        if (field is not null && exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
            && exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound })
        {
            return OAuthTokenResult.Failed($"There is no host named '{endpoint.Host}'; check the address.", field, OAuthFailureKind.Invalid);
        }

        return OAuthTokenResult.Failed($"{provider} did not answer ({Unreachable(exception, outbound)}); try later.", null, OAuthFailureKind.TryLater);
    }

    private static string Unreachable(Exception exception, OutboundHttp outbound) => exception switch
    {
        TaskCanceledException or TimeoutException => string.Create(CultureInfo.InvariantCulture, $"no answer within {outbound.RequestTimeout.TotalSeconds:0} s"),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "its name could not be looked up",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "the connection failed",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the secure connection failed",
        _ => "the connection broke off",
    };

    private static OutboundRefusedException? FindRefusal(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    // Failures of the network or of the provider; a cancellation the caller asked for is not one.
    private static bool IsUnreachable(Exception exception, CancellationToken ct) =>
        exception is HttpRequestException or IOException or TimeoutException
        || (exception is TaskCanceledException && !ct.IsCancellationRequested);

    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[MaxAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Audience(OAuthJwtDeclaration jwt, JsonObject accountValues, Dictionary<string, string> fields, out string? field)
    {
        field = null;
        var audience = jwt.Audience;
        foreach (var rule in jwt.AudienceWhen)
        {
            if (JsonNode.DeepEquals(accountValues[rule.Field], JsonSerializer.SerializeToNode(rule.EqualsValue)))
            {
                audience = rule.Audience;
                break;
            }
        }

        if (!audience.StartsWith('{'))
        {
            return audience;
        }

        // "{loginUrl}": the origin of that field's URL.
        field = audience.Trim('{', '}');
        return fields.TryGetValue(field, out var value) && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url.GetLeftPart(UriPartial.Authority)
            : null;
    }

    private static string Reason(Exception exception) =>
        exception is HttpRequestException http ? $"{exception.GetType().Name} ({http.HttpRequestError})" : exception.GetType().Name;

    private static string SafeCode(string error) =>
        new([.. error.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(60)]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OAuth sign-in of plugin {PluginId} started at {Endpoint}")]
    private static partial void LogAuthorizationStarted(ILogger logger, string pluginId, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OAuth {Grant} request of plugin {PluginId} to {Endpoint} answered HTTP {Status}")]
    private static partial void LogTokenAnswer(ILogger logger, OAuthGrant grant, string pluginId, Uri endpoint, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth {Grant} request of plugin {PluginId} was refused with {Error} (HTTP {Status}), taken as {Kind}")]
    private static partial void LogTokenRefused(ILogger logger, OAuthGrant grant, string pluginId, string error, int status, OAuthFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth {Grant} request of plugin {PluginId} to {Endpoint} failed: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, OAuthGrant grant, string pluginId, Uri endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Who signed in to an account of plugin {PluginId} could not be read: {Reason}")]
    private static partial void LogIdentityUnavailable(ILogger logger, string pluginId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Who signed in to an account of plugin {PluginId} could not be read: {Endpoint} answered HTTP {Status}")]
    private static partial void LogIdentityAnswer(ILogger logger, string pluginId, Uri endpoint, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Who signed in to an account of plugin {PluginId} could not be read: the answer of {Endpoint} names nobody")]
    private static partial void LogIdentityMissing(ILogger logger, string pluginId, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token revocation of plugin {PluginId} at {Endpoint} answered HTTP {Status}")]
    private static partial void LogRevocation(ILogger logger, string pluginId, Uri endpoint, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token revocation of plugin {PluginId} at {Endpoint} failed: {Reason}")]
    private static partial void LogRevocationFailed(ILogger logger, string pluginId, Uri endpoint, string reason);
}
