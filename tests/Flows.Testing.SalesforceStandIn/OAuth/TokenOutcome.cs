using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>What a grant decided: an <see cref="OAuthError"/> or a <see cref="TokenGranted"/>.</summary>
internal abstract record TokenOutcome;

/// <param name="Scope">The granted scopes, space-separated.</param>
/// <param name="Refresh">The approval the new access token belongs to (revoking it ends the token); null for JWT and client credentials.</param>
/// <param name="RefreshToken">The refresh token to hand back: a new approval's or a rotated one; null when none goes back.</param>
internal sealed record TokenGranted(
    StandInConnectedApp App,
    StandInUser User,
    StandInOrg Org,
    string Scope,
    RefreshGrant? Refresh = null,
    string? RefreshToken = null) : TokenOutcome;
