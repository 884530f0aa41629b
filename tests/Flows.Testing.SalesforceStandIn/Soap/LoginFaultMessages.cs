namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>
/// The exceptionMessage for each login fault code. The first few are Salesforce's published
/// wording; the rest are not published, so these are plausible stand-ins (clients match on the
/// code, never on the text).
/// </summary>
internal static class LoginFaultMessages
{
    public const string InvalidLogin = "Invalid username, password, security token; or user locked out.";

    public const string MustUseSecurityToken =
        "Invalid username, password, security token; or user locked out. Are you at a new location? "
        + "When accessing Salesforce--either via a desktop client or the API--from outside of your company’s trusted networks, "
        + "you must add a security token to your password to log in. To get your new security token, log in to Salesforce. "
        + "From your personal settings, enter Reset My Security Token in the Quick Find box, then select Reset My Security Token.";

    public const string SoapLoginDisabled =
        "SOAP API login() is disabled by default in this org. An admin can enable it in Setup under User Interface, "
        + "or clients can log in with OAuth instead.";

    public const string LoginNotInVersion =
        "The SOAP Login operation is not available in the API version specified. Use API version 64.0 or earlier, or log in with OAuth.";

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["INVALID_LOGIN"] = InvalidLogin,
        ["LOGIN_MUST_USE_SECURITY_TOKEN"] = MustUseSecurityToken,
        ["INVALID_OPERATION"] = SoapLoginDisabled,
        ["API_DISABLED_FOR_ORG"] = "API is not enabled for this Organization or Partner",
        ["INSUFFICIENT_ACCESS"] = "The user does not have the permission to use API authentication.",
        ["PASSWORD_LOCKOUT"] = "Your account has been locked out because of too many failed login attempts.",
        ["INACTIVE_OWNER_OR_USER"] = "The user is inactive.",
        ["LOGIN_CHALLENGE_ISSUED"] = "An identity verification challenge has been issued for this login.",
        ["LOGIN_CHALLENGE_PENDING"] = "An identity verification challenge is pending for this user.",
        ["LOGIN_DURING_RESTRICTED_DOMAIN"] = "Login is not allowed from this IP address.",
        ["LOGIN_DURING_RESTRICTED_TIME"] = "Login is not allowed at this time of day.",
        ["INVALID_SSO_GATEWAY_URL"] = "The single sign-on gateway URL is invalid.",
        ["REQUEST_LIMIT_EXCEEDED"] = "TotalRequests Limit exceeded.",
        ["SERVER_UNAVAILABLE"] = "Server unavailable. Please try again later.",
        ["ORG_IN_MAINTENANCE"] = "The organization is in maintenance. Please try again later.",
        ["API_CURRENTLY_DISABLED"] = "Because of a system problem, API functionality is temporarily unavailable.",
        ["UNSUPPORTED_API_VERSION"] = "Invalid Api version specified on URL",
    };

    public static string For(string code) =>
        Messages.TryGetValue(code, out var message) ? message : "An error this stand-in has no wording for.";
}
