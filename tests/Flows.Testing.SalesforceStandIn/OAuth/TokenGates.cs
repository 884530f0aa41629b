using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>The checks every grant shares: who the client is, whether it proved it, and whether the user may have a token.</summary>
internal sealed class TokenGates(StandInScenario scenario)
{
    /// <summary>The app behind <paramref name="clientId"/>, or the refusal: unknown client, or the app's scripted failure.</summary>
    public bool TryApp(string? clientId, [NotNullWhen(true)] out StandInConnectedApp? app, [NotNullWhen(false)] out OAuthError? refusal)
    {
        app = scenario.FindApp(clientId);
        refusal = app is null ? OAuthError.InvalidClientId : OAuthError.For(app.Failure);
        if (refusal is not null)
        {
            app = null;
            return false;
        }

        return app is not null;
    }

    /// <summary>A secret that is sent must be right; a missing one only matters when <paramref name="required"/>.</summary>
    public static OAuthError? Secret(StandInConnectedApp app, string? secret, bool required)
    {
        if (secret is null)
        {
            return required ? OAuthError.InvalidClient : null;
        }

        return app.ConsumerSecret is { } expected && FixedTimeEquals(expected, secret) ? null : OAuthError.InvalidClient;
    }

    /// <summary>The org must be active and the user not scripted to fail.</summary>
    public OAuthError? User(StandInUser user, out StandInOrg org)
    {
        org = scenario.OrgOf(user);
        return !org.Active ? OAuthError.InactiveOrg : OAuthError.For(user.OAuthFailure);
    }

    /// <summary>The scopes a token from a flow without consent gets: the app's, without refresh_token.</summary>
    public static string ServerScopes(StandInConnectedApp app) =>
        string.Join(' ', app.Scopes.Where(s => s is not "refresh_token" and not "offline_access"));

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
