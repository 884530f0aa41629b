using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flows.Host.Outbound;
using Microsoft.Extensions.Logging;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// Who signed in, in words: the first of the declared claims in the identity resource (read with the
/// new access token), or in the token answer when the type declares no identity URL. A courtesy:
/// when it cannot be read, the sign-in stands and the identity is unknown.
/// </summary>
internal sealed partial class OAuthIdentityReader(PluginOutbound outbound, ILogger logger)
{
    private const int MaxIdentityLength = 200;

    // Without identityClaims, the OpenID Connect claims that name a person, most readable first.
    private static readonly string[] DefaultIdentityClaims = ["preferred_username", "email", "name", "sub"];

    public async Task<string?> ReadAsync(OAuthContext context, OAuthTokenSet tokens, JsonObject answer, CancellationToken ct)
    {
        var claims = context.Declaration.IdentityClaims.Count > 0 ? context.Declaration.IdentityClaims : DefaultIdentityClaims;
        if (context.IdentityEndpoint is not { } template)
        {
            return FirstClaim(answer, claims);
        }

        var rules = new OAuthEndpointRules(context.PluginId, context.Declaration.Provider, context.Declaration.Hosts, outbound.For(context.PluginId).Policy);
        var endpoint = rules.Resolve(template, "identity URL", context.FieldValues, tokens.Properties);
        if (endpoint.Url is null)
        {
            LogIdentityUnavailable(logger, context.PluginId, endpoint.Problem!);
            return null;
        }

        // Who signed in is a courtesy: a sign-in that worked is not undone because this read failed.
        try
        {
            using var client = outbound.For(context.PluginId).CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogIdentityAnswer(logger, context.PluginId, endpoint.Url, (int)response.StatusCode);
                return null;
            }

            var identity = OAuthHttp.ParseObject(await OAuthHttp.ReadCappedAsync(response.Content, ct).ConfigureAwait(false)) is { } found ? FirstClaim(found, claims) : null;
            if (identity is null)
            {
                LogIdentityMissing(logger, context.PluginId, endpoint.Url);
            }

            return identity;
        }
        catch (Exception exception) when (OAuthHttp.IsUnreachable(exception, ct))
        {
            var reason = OAuthHttp.Reason(exception);
            LogIdentityUnavailable(logger, context.PluginId, reason);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Who signed in to an account of plugin {PluginId} could not be read: {Reason}")]
    private static partial void LogIdentityUnavailable(ILogger logger, string pluginId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Who signed in to an account of plugin {PluginId} could not be read: {Endpoint} answered HTTP {Status}")]
    private static partial void LogIdentityAnswer(ILogger logger, string pluginId, Uri endpoint, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Who signed in to an account of plugin {PluginId} could not be read: the answer of {Endpoint} names nobody")]
    private static partial void LogIdentityMissing(ILogger logger, string pluginId, Uri endpoint);
}
