namespace Flows.Contracts;

/// <summary>
/// Checks that an account's values really work against the remote service ("Save &amp; Validate").
/// Exported through MEF with <c>[Export(typeof(IAccountValidator))]</c>.
/// </summary>
public interface IAccountValidator
{
    /// <summary>The id of the account type this validator checks; must be one the plugin contributes.</summary>
    string AccountTypeId { get; }

    /// <summary>
    /// Validates <paramref name="request"/>. Implementations must honour
    /// <paramref name="cancellationToken"/>, and must never put secret values into the result.
    /// Expected failures (wrong password, service down) are results, not exceptions.
    /// </summary>
    Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken);
}
