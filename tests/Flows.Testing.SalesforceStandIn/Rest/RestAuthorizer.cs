using Flows.Testing.SalesforceStandIn.Http;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.Rest;

/// <summary>
/// Turns the bearer token into the user it is a session for, playing the scripted token
/// behaviours on the way. When it returns null the response has already been written.
/// </summary>
internal sealed class RestAuthorizer(StandInState state)
{
    public async Task<RestCaller?> AuthorizeAsync(HttpContext context, RestSurface surface)
    {
        var token = BearerToken(context);
        if (token is not null && state.Revoked.ContainsKey(token))
        {
            await RejectAsync(context, surface);
            return null;
        }

        var scripted = token is null ? null : state.Scenario.FindToken(token);
        switch (scripted?.Behaviour)
        {
            case TokenBehaviour.Expired:
                await RejectAsync(context, surface);
                return null;
            case TokenBehaviour.RateLimited:
                await RestResults.ErrorAsync(context, StatusCodes.Status403Forbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
                return null;
            case TokenBehaviour.HtmlPage:
                await ScriptedResponses.MaintenancePageAsync(context);
                return null;
            case TokenBehaviour.XmlError:
                await ScriptedResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "application/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Errors><Error><errorCode>INVALID_SESSION_ID</errorCode><message>Session expired or invalid</message></Error></Errors>");
                return null;
            case TokenBehaviour.Slow when !await ScriptedResponses.DelayAsync(context, state.Scenario.SlowDelay):
                return null;
            case TokenBehaviour.Drop:
                ScriptedResponses.Drop(context);
                return null;
            case TokenBehaviour.NoUserInfo when surface == RestSurface.UserInfo:
                await RejectAsync(context, surface);
                return null;
            case TokenBehaviour.Echo:
                // Salesforce sometimes echoes input in errors; clients must never show this message.
                await RestResults.InvalidSessionAsync(context, $"Session expired or invalid: {token}");
                return null;
        }

        var session = scripted is null && token is not null ? state.Sessions.Find(token) : null;
        var user = state.Scenario.FindUser(scripted?.Username ?? session?.Username);
        if (user is null)
        {
            await RejectAsync(context, surface);
            return null;
        }

        var org = state.Scenario.OrgOf(user);
        if (surface == RestSurface.Data && !org.ApiEnabled)
        {
            await RestResults.ErrorAsync(context, StatusCodes.Status403Forbidden, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.");
            return null;
        }

        if (surface == RestSurface.Data && session is { PasswordExpired: true })
        {
            await RestResults.ErrorAsync(context, StatusCodes.Status403Forbidden, "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
                "The users password has expired, you must call SetPassword before attempting any other API operations");
            return null;
        }

        return new RestCaller(user, org);
    }

    /// <summary>The data API says INVALID_SESSION_ID; the identity service just says Forbidden.</summary>
    private static Task RejectAsync(HttpContext context, RestSurface surface) =>
        surface == RestSurface.Data
            ? RestResults.InvalidSessionAsync(context)
            : ScriptedResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "text/plain;charset=UTF-8", "Forbidden");

    /// <summary>Salesforce takes "Bearer" and its older "OAuth" scheme.</summary>
    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        foreach (var scheme in (string[])["Bearer ", "OAuth "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var token = header[scheme.Length..].Trim();
                return token.Length > 0 ? token : null;
            }
        }

        return null;
    }
}

internal sealed record RestCaller(StandInUser User, StandInOrg Org);
