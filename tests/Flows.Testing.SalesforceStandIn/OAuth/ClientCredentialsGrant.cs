using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>grant_type=client_credentials: the app's key and secret, on the org's My Domain only; the token acts as the run-as user.</summary>
internal sealed class ClientCredentialsGrant(StandInState state, TokenGates gates)
{
    public TokenOutcome Exchange(HttpContext context, IReadOnlyDictionary<string, string> form)
    {
        if (!MyDomain.IsMyDomain(context, state.Scenario))
        {
            return OAuthError.InvalidGrant("request not supported on this domain");
        }

        var (clientId, secret) = OAuthParameters.Client(context, form);
        if (!gates.TryApp(clientId, out var app, out var refusal))
        {
            return refusal;
        }

        if (TokenGates.Secret(app, secret, required: true) is { } badSecret)
        {
            return badSecret;
        }

        if (state.Scenario.FindUser(app.RunAsUsername) is not { } user)
        {
            return OAuthError.InvalidGrant("no client credentials user enabled");
        }

        return gates.User(user, out var org) is { } userRefusal
            ? userRefusal
            : new TokenGranted(app, user, org, TokenGates.ServerScopes(app));
    }
}
