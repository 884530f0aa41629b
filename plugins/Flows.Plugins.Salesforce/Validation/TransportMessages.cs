using Flows.Contracts;

namespace Flows.Plugins.Salesforce.Validation;

/// <summary>What a failed request means for the user, and which field (if any) to fix.</summary>
internal static class TransportMessages
{
    /// <summary>
    /// The result for a request that failed on the way; <paramref name="field"/> is the form field the
    /// address came from, or null when it came from elsewhere (e.g. the provider's token answer).
    /// </summary>
    public static AccountValidationResult ToResult(TransportOutcome outcome, string? field, string fieldTitle) => outcome.Failure switch
    {
        TransportFailure.UnknownHost => AccountValidationResult.Invalid(
            $"The host '{outcome.Detail}' does not exist.",
            Blame(field, $"No such host: '{outcome.Detail}'. Check the {fieldTitle} for typos.")),
        TransportFailure.RedirectRefused => AccountValidationResult.Invalid(
            $"Salesforce sent the request on to '{outcome.Detail}', which is not an allowed Salesforce address.",
            Blame(field, $"Use your org's own address (https://yourdomain.my.salesforce.com) as the {fieldTitle}.")),
        TransportFailure.Timeout => AccountValidationResult.Unavailable(
            $"Salesforce {outcome.Detail}. This says nothing about the credentials; try again later."),
        TransportFailure.SecureConnection => AccountValidationResult.Unavailable(
            $"A secure connection to '{outcome.Detail}' could not be set up (a certificate or proxy problem on this network). Try again later or ask your network admin."),
        TransportFailure.ConnectionFailed => AccountValidationResult.Unavailable(
            $"Could not connect to '{outcome.Detail}'. Check this computer's network connection and try again later."),
        _ => AccountValidationResult.Unavailable(
            $"The connection to '{outcome.Detail}' closed before Salesforce answered. Try again later."),
    };

    /// <summary>An answer that is neither what Salesforce sends on success nor one of its errors.</summary>
    public static AccountValidationResult Unexpected(SalesforceResponse response) =>
        AccountValidationResult.Unavailable(
            $"Salesforce gave an unexpected response (HTTP {(int)response.Status}{Describe(response)}) — often a maintenance or proxy page. Try again later; if it persists, check the address.");

    private static AccountFieldError[] Blame(string? field, string message) =>
        field is null ? [] : [new AccountFieldError(field, message)];

    private static string Describe(SalesforceResponse response) =>
        response.Body.Length == 0 ? ", empty body"
        : response.MediaType.Contains("html", StringComparison.OrdinalIgnoreCase) ? ", an HTML page"
        : response.MediaType.Length > 0 ? $", {response.MediaType}" : string.Empty;
}
