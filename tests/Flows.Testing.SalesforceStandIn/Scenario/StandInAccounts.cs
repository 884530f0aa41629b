namespace Flows.Testing.SalesforceStandIn;

/// <summary>
/// Every org, user, secret, access token and connected app of <see cref="StandInScenario.Default"/>, so tests name
/// them instead of repeating string literals.
/// </summary>
public static class StandInAccounts
{
    /// <summary>The only API version whose login() the stand-in treats as current.</summary>
    public const string ApiVersion = "64.0";

    /// <summary>Any password works for scripted fault and behaviour users; this one reads well in tests.</summary>
    public const string AnyPassword = "any-password";

    // Orgs.
    public const string AcmeOrgId = "00D5g000000ACMEAAA";
    public const string AcmeOrgName = "Acme";
    public const string AcmeInstanceName = "NA224";
    public const string AcmeSandboxOrgId = "00D5g000000SBXAAAA";
    public const string AcmeSandboxOrgName = "Acme Sandbox";
    public const string AcmeSandboxInstanceName = "USA254S";
    public const string NewOrgId = "00D5g000000NEWAAAA";
    public const string NewOrgName = "New Org";
    public const string RestrictedOrgId = "00D5g000000RSTAAAA";
    public const string RestrictedOrgName = "Restricted";

    public const string ClosedOrgId = "00D5g000000CLSAAAA";
    public const string ClosedOrgName = "Closed Org";

    // Acme production user; the password holds XML-special characters on purpose.
    public const string AliceUsername = "alice@acme.example";
    public const string AlicePassword = "Wonder<land>&1";
    public const string AliceSecurityToken = "ALICETOKEN42";
    public const string AliceUserId = "0055g000000ALICEAA";
    public const string AliceFullName = "Alice Liddell";
    public const string AliceAccessToken = "00D5g000000ACMEAAA!ALICE.SESSION";

    // Acme sandbox user on a trusted network: no security token.
    public const string SamUsername = "sam@acme.example.sandbox";
    public const string SamPassword = "Sandbox-pass1";
    public const string SamSecurityToken = "";
    public const string SamUserId = "0055g000000SAMAAAA";
    public const string SamFullName = "Sam Sandbox";
    public const string SamAccessToken = "00D5g000000SBXAAAA!SAM.SESSION";

    // Acme user whose password has expired: login() answers 200 with passwordExpired=true.
    public const string ExpiredUsername = "expired@acme.example";
    public const string ExpiredPassword = "Old-pass1";
    public const string ExpiredSecurityToken = "EXPTOKEN";
    public const string ExpiredUserId = "0055g000000EXPAAAA";

    // New Org user: SOAP login() is disabled in the org.
    public const string NewbieUsername = "newbie@neworg.example";
    public const string NewbiePassword = "Newbie-pass1";
    public const string NewbieSecurityToken = "NEWTOKEN";
    public const string NewbieUserId = "0055g000000NEWAAAA";

    // Acme user with a login rate limit.
    public const string LimitedUsername = "limited@acme.example";
    public const string LimitedPassword = "Limited-pass1";
    public const string LimitedSecurityToken = "LIMTOKEN";
    public const string LimitedUserId = "0055g000000LIMAAAA";
    public const int LimitedLoginLimit = 2;

    // Restricted org user: correct credentials, but the org has no API access.
    public const string RitaUsername = "rita@restricted.example";
    public const string RitaPassword = "Restricted-pass1";
    public const string RitaSecurityToken = "RSTTOKEN";
    public const string RitaUserId = "0055g000000RSTAAAA";

    // Scripted fault users: every login faults with the code in the name, whatever the password.
    public const string InvalidLoginFaultUsername = "invalid-login@faults.example";
    public const string LoginMustUseSecurityTokenFaultUsername = "login-must-use-security-token@faults.example";
    public const string InvalidOperationFaultUsername = "invalid-operation@faults.example";
    public const string ApiDisabledForOrgFaultUsername = "api-disabled-for-org@faults.example";
    public const string InsufficientAccessFaultUsername = "insufficient-access@faults.example";
    public const string PasswordLockoutFaultUsername = "password-lockout@faults.example";
    public const string InactiveOwnerOrUserFaultUsername = "inactive-owner-or-user@faults.example";
    public const string LoginChallengeIssuedFaultUsername = "login-challenge-issued@faults.example";
    public const string LoginChallengePendingFaultUsername = "login-challenge-pending@faults.example";
    public const string LoginDuringRestrictedDomainFaultUsername = "login-during-restricted-domain@faults.example";
    public const string LoginDuringRestrictedTimeFaultUsername = "login-during-restricted-time@faults.example";
    public const string InvalidSsoGatewayUrlFaultUsername = "invalid-sso-gateway-url@faults.example";
    public const string RequestLimitExceededFaultUsername = "request-limit-exceeded@faults.example";
    public const string ServerUnavailableFaultUsername = "server-unavailable@faults.example";
    public const string OrgInMaintenanceFaultUsername = "org-in-maintenance@faults.example";
    public const string ApiCurrentlyDisabledFaultUsername = "api-currently-disabled@faults.example";
    public const string UnsupportedApiVersionFaultUsername = "unsupported-api-version@faults.example";

    /// <summary>INVALID_LOGIN with a bare <c>&lt;faultcode&gt;INVALID_LOGIN&lt;/faultcode&gt;</c> (no sf: prefix).</summary>
    public const string BareCodeFaultUsername = "bare-code@faults.example";

    /// <summary>A fault code no client knows yet: <see cref="UnknownFaultCode"/>.</summary>
    public const string UnknownCodeFaultUsername = "unknown-code@faults.example";
    public const string UnknownFaultCode = "SOME_NEW_CODE";

    // Behaviour users (any password).
    public const string SlowUsername = "slow@behaviour.example";
    public const string DropUsername = "drop@behaviour.example";
    public const string HtmlUsername = "html@behaviour.example";
    public const string GarbageUsername = "garbage@behaviour.example";
    public const string EmptyUsername = "empty@behaviour.example";
    public const string EchoUsername = "echo@behaviour.example";
    public const string RedirectUsername = "redirect@behaviour.example";
    public const string MovedUsername = "moved@behaviour.example";
    public const string SlowUserId = "0055g000000SLOWAAA";

    /// <summary>Where the redirect user points: a host no client may follow to.</summary>
    public const string RedirectLocation = "https://evil.example/services/Soap/u/64.0";

    // Scripted REST access tokens (Alice's and Sam's above are plain valid sessions).
    public const string ExpiredAccessToken = "expired-token";
    public const string RestDisabledAccessToken = "rest-disabled-token";
    public const string RateLimitedAccessToken = "rate-limited-token";
    public const string HtmlAccessToken = "html-token";
    public const string XmlErrorAccessToken = "xml-error-token";
    public const string SlowAccessToken = "slow-token";
    public const string DropAccessToken = "drop-token";
    public const string NoUserInfoAccessToken = "no-userinfo-token";
    public const string EchoAccessToken = "echo-token";

    // Closed Org user: the org is inactive, so the token endpoint answers inactive_org.
    public const string ClosedUsername = "closed@closed.example";
    public const string ClosedPassword = "Closed-pass1";
    public const string ClosedUserId = "0055g000000CLSAAAA";

    // Scripted OAuth users (password AnyPassword): the authorize page signs them in, and every
    // token request for them fails as the name says. The JWT app is pre-authorised for them.
    public const string AuthenticationFailureOAuthUsername = "authentication-failure@oauth.example";
    public const string LockedOAuthUsername = "locked@oauth.example";
    public const string LoginRestrictedOAuthUsername = "login-restricted@oauth.example";
    public const string InactiveOAuthUsername = "inactive@oauth.example";
    public const string NotApprovedOAuthUsername = "not-approved@oauth.example";
    public const string RateLimitedOAuthUsername = "rate-limited@oauth.example";
    public const string MaintenanceOAuthUsername = "maintenance@oauth.example";

    // Connected apps. Callbacks: a loopback IP registered without a port matches any port.
    public const string WebCallbackUrl = "http://127.0.0.1/oauth/callback";
    public const string LoopbackCallbackUrl = "http://127.0.0.1/callback";

    /// <summary>Authorization code + PKCE; the secret is optional; refresh tokens are not rotated.</summary>
    public const string WebAppConsumerKey = "3MVG9StandIn.WebApp.PKCE";
    public const string WebAppConsumerSecret = "WEBAPP0SECRET0000000000000000001";

    /// <summary>Like the web app, but every refresh rotates the refresh token.</summary>
    public const string RotatingAppConsumerKey = "3MVG9StandIn.RotatingApp";
    public const string RotatingAppConsumerSecret = "ROTATING0SECRET00000000000000002";

    /// <summary>Authorization code without PKCE; the secret is required ("Require Secret for Web Server Flow").</summary>
    public const string ConfidentialAppConsumerKey = "3MVG9StandIn.ConfidentialApp";
    public const string ConfidentialAppConsumerSecret = "CONFIDENTIAL0SECRET0000000000003";

    /// <summary>JWT bearer with <see cref="StandInKeys.Default"/>'s certificate; pre-authorised for Alice, Sam and the scripted OAuth users.</summary>
    public const string JwtAppConsumerKey = "3MVG9StandIn.JwtApp";

    /// <summary>Client credentials on My Domain, running as Alice.</summary>
    public const string ClientCredentialsAppConsumerKey = "3MVG9StandIn.ClientCredentialsApp";
    public const string ClientCredentialsAppConsumerSecret = "CLIENTCREDS0SECRET00000000000004";

    /// <summary>Every token request answers rate_limit_exceeded.</summary>
    public const string RateLimitedAppConsumerKey = "3MVG9StandIn.RateLimitedApp";

    /// <summary>Every authorize and token request answers the HTML maintenance page.</summary>
    public const string MaintenanceAppConsumerKey = "3MVG9StandIn.MaintenanceApp";

    /// <summary>The secret of the rate-limited and maintenance apps.</summary>
    public const string ScriptedAppConsumerSecret = "SCRIPTED0SECRET00000000000000005";

    /// <summary>Scripted OAuth failure → the user whose token requests meet it, for theory tests.</summary>
    public static IReadOnlyDictionary<StandInOAuthFailure, string> OAuthFailureUsernames { get; } = new Dictionary<StandInOAuthFailure, string>
    {
        [StandInOAuthFailure.AuthenticationFailure] = AuthenticationFailureOAuthUsername,
        [StandInOAuthFailure.UserLocked] = LockedOAuthUsername,
        [StandInOAuthFailure.LoginRestricted] = LoginRestrictedOAuthUsername,
        [StandInOAuthFailure.InactiveUser] = InactiveOAuthUsername,
        [StandInOAuthFailure.NotApproved] = NotApprovedOAuthUsername,
        [StandInOAuthFailure.RateLimited] = RateLimitedOAuthUsername,
        [StandInOAuthFailure.MaintenancePage] = MaintenanceOAuthUsername,
    }.AsReadOnly();

    /// <summary>Fault code → scripted fault username, for theory tests over every code.</summary>
    public static IReadOnlyDictionary<string, string> FaultUsernames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["INVALID_LOGIN"] = InvalidLoginFaultUsername,
        ["LOGIN_MUST_USE_SECURITY_TOKEN"] = LoginMustUseSecurityTokenFaultUsername,
        ["INVALID_OPERATION"] = InvalidOperationFaultUsername,
        ["API_DISABLED_FOR_ORG"] = ApiDisabledForOrgFaultUsername,
        ["INSUFFICIENT_ACCESS"] = InsufficientAccessFaultUsername,
        ["PASSWORD_LOCKOUT"] = PasswordLockoutFaultUsername,
        ["INACTIVE_OWNER_OR_USER"] = InactiveOwnerOrUserFaultUsername,
        ["LOGIN_CHALLENGE_ISSUED"] = LoginChallengeIssuedFaultUsername,
        ["LOGIN_CHALLENGE_PENDING"] = LoginChallengePendingFaultUsername,
        ["LOGIN_DURING_RESTRICTED_DOMAIN"] = LoginDuringRestrictedDomainFaultUsername,
        ["LOGIN_DURING_RESTRICTED_TIME"] = LoginDuringRestrictedTimeFaultUsername,
        ["INVALID_SSO_GATEWAY_URL"] = InvalidSsoGatewayUrlFaultUsername,
        ["REQUEST_LIMIT_EXCEEDED"] = RequestLimitExceededFaultUsername,
        ["SERVER_UNAVAILABLE"] = ServerUnavailableFaultUsername,
        ["ORG_IN_MAINTENANCE"] = OrgInMaintenanceFaultUsername,
        ["API_CURRENTLY_DISABLED"] = ApiCurrentlyDisabledFaultUsername,
        ["UNSUPPORTED_API_VERSION"] = UnsupportedApiVersionFaultUsername,
    }.AsReadOnly();

    /// <summary>The scripted fault user for <paramref name="faultCode"/> (e.g. PASSWORD_LOCKOUT).</summary>
    public static string FaultUsername(string faultCode) =>
        FaultUsernames.TryGetValue(faultCode, out var username)
            ? username
            : throw new ArgumentException($"No scripted fault user for {faultCode}.", nameof(faultCode));
}
