using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.HostilePlugin;

/// <summary>
/// Answers with markup too: API key "ok" is valid (with a hostile identity summary), anything else
/// is invalid with a hostile message on the API key field and in the summary.
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed class HostileAccountValidator : IAccountValidator
{
    public const string RejectedMessage = "Rejected <script>window.__pwned=9;alert(9)</script>";

    public const string FieldMessage = "Bad key <img src=x onerror=\"window.__pwned=10;alert(10)\">";

    public const string IdentitySummary = "Signed in as <svg onload=\"window.__pwned=11;alert(11)\">";

    public string AccountTypeId => HostileAccountDefinition.AccountTypeId;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(request.GetString("apiKey") == "ok"
            ? AccountValidationResult.Valid(IdentitySummary)
            : AccountValidationResult.Invalid(RejectedMessage, new AccountFieldError("apiKey", FieldMessage)));
    }
}
