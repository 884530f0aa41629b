namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>A refusal of the token endpoint: <c>{"error": …, "error_description": …}</c> with its status.</summary>
internal sealed record OAuthError(string Error, string Description, int Status = StatusCodes.Status400BadRequest) : TokenOutcome
{
    public static OAuthError InvalidClientId { get; } = new("invalid_client_id", "client identifier invalid");

    // Salesforce answers a wrong client secret with 401, the one client error that is not a 400.
    public static OAuthError InvalidClient { get; } = new("invalid_client", "invalid client credentials", StatusCodes.Status401Unauthorized);

    public static OAuthError UnsupportedGrantType { get; } = new("unsupported_grant_type", "grant type not supported");

    public static OAuthError RedirectUriMismatch { get; } = new("redirect_uri_mismatch", "redirect_uri must match configuration");

    public static OAuthError InactiveOrg { get; } = new("inactive_org", "inactive organization");

    public static OAuthError RateLimited { get; } = new("rate_limit_exceeded", "rate limit exceeded");

    /// <summary>Written as Salesforce's HTML maintenance page, not as JSON.</summary>
    public static OAuthError MaintenancePage { get; } = new("maintenance", "", StatusCodes.Status503ServiceUnavailable);

    public static OAuthError InvalidGrant(string description) => new("invalid_grant", description);

    public static OAuthError AuthenticationFailure { get; } = InvalidGrant("authentication failure");

    public static OAuthError ExpiredToken { get; } = InvalidGrant("expired access/refresh token");

    public static OAuthError NotApproved { get; } = InvalidGrant("user hasn't approved this consumer");

    public static OAuthError InvalidAssertion { get; } = InvalidGrant("invalid assertion");

    /// <summary>Salesforce's words for a spent or expired code, and for a JWT past its exp.</summary>
    public static OAuthError ExpiredCode { get; } = InvalidGrant("expired authorization code");

    /// <summary>The answer a scripted user or app gives; null for <see cref="StandInOAuthFailure.None"/>.</summary>
    public static OAuthError? For(StandInOAuthFailure failure) => failure switch
    {
        StandInOAuthFailure.AuthenticationFailure => AuthenticationFailure,
        StandInOAuthFailure.UserLocked => InvalidGrant("user is locked"),
        StandInOAuthFailure.LoginRestricted => InvalidGrant("IP restricted or invalid login hours"),
        StandInOAuthFailure.InactiveUser => InvalidGrant("inactive user"),
        StandInOAuthFailure.NotApproved => NotApproved,
        StandInOAuthFailure.RateLimited => RateLimited,
        StandInOAuthFailure.MaintenancePage => MaintenancePage,
        _ => null,
    };
}
