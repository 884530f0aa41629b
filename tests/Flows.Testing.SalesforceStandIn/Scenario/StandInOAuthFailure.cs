namespace Flows.Testing.SalesforceStandIn;

/// <summary>
/// What the token endpoint says for a scripted user (whatever the grant) or a scripted app (every
/// request for it). Each is one of the answers Salesforce gives.
/// </summary>
public enum StandInOAuthFailure
{
    /// <summary>Behave like Salesforce: check what the request carries.</summary>
    None = 0,

    /// <summary>400 invalid_grant "authentication failure".</summary>
    AuthenticationFailure,

    /// <summary>400 invalid_grant "user is locked".</summary>
    UserLocked,

    /// <summary>400 invalid_grant "IP restricted or invalid login hours".</summary>
    LoginRestricted,

    /// <summary>400 invalid_grant "inactive user".</summary>
    InactiveUser,

    /// <summary>400 invalid_grant "user hasn't approved this consumer", whatever the app's pre-authorisations.</summary>
    NotApproved,

    /// <summary>400 rate_limit_exceeded "rate limit exceeded".</summary>
    RateLimited,

    /// <summary>503 text/html maintenance page.</summary>
    MaintenancePage,
}
