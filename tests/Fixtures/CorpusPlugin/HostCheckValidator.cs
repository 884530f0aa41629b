using Flows.Contracts;

namespace Flows.Tests.Fixtures.CorpusPlugin;

/// <summary>
/// A check without any network, so Save &amp; Validate can be exercised on corpus forms: the host
/// "bad.example" is refused on its field, anything else is accepted.
/// </summary>
public abstract class HostCheckValidator(string accountTypeId, string hostField) : IAccountValidator
{
    public const string RefusedHost = "bad.example";

    public string AccountTypeId { get; } = accountTypeId;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var host = request.GetString(hostField);
        return Task.FromResult(host == RefusedHost
            ? AccountValidationResult.Invalid($"{RefusedHost} does not answer.", new AccountFieldError(hostField, $"No server answers at {RefusedHost}."))
            : AccountValidationResult.Valid($"{host} (corpus fixture)"));
    }
}
