using Flows.Contracts;

namespace Flows.Plugins.Salesforce.Soap;

/// <summary>
/// What each login() fault code means for the user, keyed on the code (never on Salesforce's text,
/// which is unpublished for most codes and may echo what was typed).
/// </summary>
internal static class LoginFaults
{
    private const string Username = "username";
    private const string Password = "password";
    private const string SecurityToken = "securityToken";

    public static AccountValidationResult ToResult(LoginFault fault, bool tokenGiven) => fault.Code switch
    {
        "INVALID_LOGIN" => AccountValidationResult.Invalid(
            "Salesforce did not accept the username, password or security token, or the user is locked out. Check all three; a security token changes whenever the password is reset."),
        "LOGIN_MUST_USE_SECURITY_TOKEN" => tokenGiven
            ? AccountValidationResult.Invalid(
                "The security token is wrong or out of date.",
                new AccountFieldError(SecurityToken, "This security token is not the current one. Reset it in Salesforce under Personal Setup > My Personal Information > Reset My Security Token and paste the new one."))
            : AccountValidationResult.Invalid(
                "Salesforce requires a security token when logging in from this network.",
                new AccountFieldError(SecurityToken, "Enter your security token. Get one in Salesforce under Personal Setup > My Personal Information > Reset My Security Token.")),
        "INVALID_OPERATION" => AccountValidationResult.Invalid(
            "SOAP API login() is turned off for this org or not offered in this API version. Ask your Salesforce admin to enable SOAP API login(), or use a Salesforce.com dynamic account (access token) instead."),
        "API_DISABLED_FOR_ORG" => AccountValidationResult.Invalid(
            "This Salesforce org does not allow API access (its edition or settings). Ask your Salesforce admin to enable the API."),
        "INSUFFICIENT_ACCESS" => AccountValidationResult.Invalid(
            "This user is not allowed to log in through the API.",
            new AccountFieldError(Username, "Ask your Salesforce admin for the \"API Enabled\" permission, or use a user that has it.")),
        "PASSWORD_LOCKOUT" => AccountValidationResult.Invalid(
            "This user is locked out after too many failed logins.",
            new AccountFieldError(Username, "Wait for the lockout to end or ask your Salesforce admin to unlock the user.")),
        "INACTIVE_OWNER_OR_USER" => AccountValidationResult.Invalid(
            "This user (or the org's owner) is inactive.",
            new AccountFieldError(Username, "Ask your Salesforce admin to activate the user, or use an active one.")),
        "LOGIN_CHALLENGE_ISSUED" => AccountValidationResult.Invalid(
            "Salesforce wants to verify this login (an identity challenge was sent). Complete the verification in a browser, add the security token, or ask your admin to trust this network; then validate again."),
        "LOGIN_CHALLENGE_PENDING" => AccountValidationResult.Invalid(
            "An identity verification for this user is still pending. Finish it in a browser, then validate again."),
        "LOGIN_DURING_RESTRICTED_DOMAIN" => AccountValidationResult.Invalid(
            "The org's login policy does not allow this user to log in from this network (IP restrictions). Ask your Salesforce admin."),
        "LOGIN_DURING_RESTRICTED_TIME" => AccountValidationResult.Invalid(
            "The org's login policy does not allow this user to log in at this time of day (login hours). Try within the allowed hours or ask your Salesforce admin."),
        "INVALID_SSO_GATEWAY_URL" => AccountValidationResult.Invalid(
            "The org's single sign-on settings are broken (invalid SSO gateway URL), so password logins for this user fail. Ask your Salesforce admin."),
        "REQUEST_LIMIT_EXCEEDED" => AccountValidationResult.Unavailable(
            "Salesforce is limiting requests for this user or org right now (rate limit). This says nothing about the credentials; try again later."),
        "SERVER_UNAVAILABLE" => AccountValidationResult.Unavailable(
            "Salesforce is temporarily unavailable. This says nothing about the credentials; try again later."),
        "ORG_IN_MAINTENANCE" => AccountValidationResult.Unavailable(
            "This Salesforce org is in maintenance. This says nothing about the credentials; try again later."),
        "API_CURRENTLY_DISABLED" => AccountValidationResult.Unavailable(
            "The Salesforce API is temporarily disabled for this org. This says nothing about the credentials; try again later."),
        "UNSUPPORTED_API_VERSION" => AccountValidationResult.Invalid(
            $"This Salesforce server no longer supports API version {SalesforceApi.Version}, which this connector uses. Update the Salesforce plugin, or use a dynamic account."),
        _ => AccountValidationResult.Invalid($"Salesforce refused the login with the error code {SafeCode(fault.Code)}."),
    };

    // A code is an identifier; anything else in its place is not repeated to the user.
    internal static string SafeCode(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') ? code : "(unreadable)";
}
