using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>
/// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer: an RS256 assertion signed with the key
/// whose certificate is on the app; no refresh token comes back.
/// </summary>
internal sealed class JwtBearerGrant(StandInState state, TokenGates gates)
{
    public const string ProductionAudience = "https://login.salesforce.com";
    public const string SandboxAudience = "https://test.salesforce.com";

    /// <summary>How far ahead exp may lie (Salesforce documents 3 minutes and allows a little more).</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(5);

    public TokenOutcome Exchange(IReadOnlyDictionary<string, string> form)
    {
        if (JwtAssertion.Parse(form.GetValueOrDefault("assertion")) is not { } assertion)
        {
            return OAuthError.InvalidAssertion;
        }

        if (!gates.TryApp(assertion.Issuer, out var app, out var refusal))
        {
            return refusal;
        }

        if (app.CertificatePem is null || !assertion.IsSignedBy(app.CertificatePem))
        {
            return OAuthError.InvalidAssertion;
        }

        var now = DateTimeOffset.UtcNow;
        if (assertion.Expires is not { } expires || expires > now + MaximumLifetime)
        {
            return OAuthError.InvalidAssertion;
        }

        if (expires <= now)
        {
            return OAuthError.ExpiredCode;
        }

        if (assertion.Audience is not (ProductionAudience or SandboxAudience))
        {
            return OAuthError.InvalidGrant("audience is invalid");
        }

        // Salesforce does not say whether the username exists: it is simply not an approved one.
        if (state.Scenario.FindUser(assertion.Subject) is not { } user)
        {
            return OAuthError.NotApproved;
        }

        if (gates.User(user, out var org) is { } userRefusal)
        {
            return userRefusal;
        }

        if (assertion.Audience != (org.IsSandbox ? SandboxAudience : ProductionAudience))
        {
            return OAuthError.InvalidGrant("audience is invalid");
        }

        var approved = app.PreAuthorizedUsernames.Contains(user.Username, StringComparer.OrdinalIgnoreCase)
            || state.OAuth.HasApproved(app.ConsumerKey, user.Username);
        return approved ? new TokenGranted(app, user, org, TokenGates.ServerScopes(app)) : OAuthError.NotApproved;
    }
}
