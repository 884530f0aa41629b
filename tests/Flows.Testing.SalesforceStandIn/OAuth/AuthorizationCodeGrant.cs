using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>grant_type=authorization_code: a code from the authorize page, its redirect URI and PKCE verifier.</summary>
internal sealed class AuthorizationCodeGrant(StandInState state, TokenGates gates)
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

        var code = form.GetValueOrDefault("code") ?? "";
        if (state.Codes.Redeem(code) is not { } pending)
        {
            // A code used once answers like an expired one, as on Salesforce.
            return state.Codes.WasRedeemed(code) ? OAuthError.ExpiredCode : OAuthError.InvalidGrant("invalid authorization code");
        }

        if (pending.ClientId != app.ConsumerKey)
        {
            return OAuthError.InvalidGrant("invalid authorization code");
        }

        if (pending.ExpiresAt <= DateTimeOffset.UtcNow)
        {
            return OAuthError.ExpiredCode;
        }

        if (!string.Equals(form.GetValueOrDefault("redirect_uri"), pending.RedirectUri, StringComparison.Ordinal))
        {
            return OAuthError.RedirectUriMismatch;
        }

        if (pending.CodeChallenge is { } challenge && !VerifierMatches(form.GetValueOrDefault("code_verifier"), challenge))
        {
            return OAuthError.InvalidGrant("invalid code verifier");
        }

        var user = state.Scenario.FindUser(pending.Username)!;
        if (gates.User(user, out var org) is { } userRefusal)
        {
            return userRefusal;
        }

        var refresh = pending.Scope.Split(' ').Contains("refresh_token")
            ? state.RefreshTokens.Create(app.ConsumerKey, user.Username, pending.Scope)
            : null;
        return new TokenGranted(app, user, org, pending.Scope, refresh, refresh?.Current);
    }

    /// <summary>S256: BASE64URL(SHA256(ASCII(code_verifier))) equals the challenge (RFC 7636 §4.6).</summary>
    private static bool VerifierMatches(string? verifier, string challenge)
    {
        if (string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
