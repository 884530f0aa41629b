using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>grant_type=refresh_token: a new access token, and a new refresh token when the app rotates them.</summary>
internal sealed class RefreshTokenGrant(StandInState state, TokenGates gates)
{
    public TokenOutcome Exchange(HttpContext context, IReadOnlyDictionary<string, string> form)
    {
        var (clientId, secret) = OAuthParameters.Client(context, form);
        if (!gates.TryApp(clientId, out var app, out var refusal))
        {
            return refusal;
        }

        if (TokenGates.Secret(app, secret, app.RequiresSecret) is { } badSecret)
        {
            return badSecret;
        }

        var token = form.GetValueOrDefault("refresh_token") ?? "";
        // The user's state is checked before the token is spent, so a refused refresh does not rotate it away.
        if (state.RefreshTokens.LiveUsername(token, app.ConsumerKey) is not { } username)
        {
            return OAuthError.ExpiredToken;
        }

        var user = state.Scenario.FindUser(username)!;
        if (gates.User(user, out var org) is { } userRefusal)
        {
            return userRefusal;
        }

        if (state.RefreshTokens.Redeem(token, app.ConsumerKey, app.RotateRefreshTokens, out var rotated) is not { } grant)
        {
            // Another refresh with the same token won the race and rotated it away.
            return OAuthError.ExpiredToken;
        }

        return new TokenGranted(app, user, org, grant.Scope, grant, rotated);
    }
}
