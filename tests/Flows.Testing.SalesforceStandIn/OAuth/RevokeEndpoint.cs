using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>
/// POST /services/oauth2/revoke (token= an access or refresh token). Revoking a refresh token ends
/// the access tokens it produced too.
/// </summary>
internal sealed class RevokeEndpoint(StandInState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        var token = OAuthParameters.Read(context).GetValueOrDefault("token") ?? "";
        if (state.RefreshTokens.Revoke(token) is { } accessTokens)
        {
            foreach (var accessToken in accessTokens)
            {
                state.Revoked[accessToken] = true;
            }
        }
        else if (state.Sessions.Find(token) is not null || state.Scenario.FindToken(token) is not null)
        {
            state.Revoked[token] = true;
        }
        else
        {
            await TokenEndpoint.WriteErrorAsync(context, new OAuthError("invalid_token", "invalid token"));
            return;
        }

        state.OAuth.RecordRevoked(token);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
