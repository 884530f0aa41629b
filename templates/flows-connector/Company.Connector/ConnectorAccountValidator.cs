using System.Composition;
using Flows.Contracts;

namespace Company.Connector;

/// <summary>
/// "Save &amp; Validate" for <see cref="ConnectorAccountDefinition"/> accounts. Until it really calls
/// the service it says so, rather than pretending the account works.
/// </summary>
/// <remarks>
/// To implement it, also import <see cref="IOutboundHttp"/> in the constructor and call the service
/// with <c>http.CreateClient()</c> (the host's timeouts, no automatic redirects). Return
/// <see cref="AccountValidationResult.Valid"/> with whose account it is,
/// <see cref="AccountValidationResult.Invalid"/> blaming the field to fix, or
/// <see cref="AccountValidationResult.Unavailable"/> when the service cannot answer now.
/// Never put a secret (the API key) into a message or a log entry.
/// </remarks>
[Export(typeof(IAccountValidator))]
[method: ImportingConstructor]
public sealed class ConnectorAccountValidator(IPluginLogger log) : IAccountValidator
{
    public string AccountTypeId => ConnectorAccountDefinition.AccountTypeId;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        log.Information("Validating {AccountTypeId} accounts is not implemented yet", AccountTypeId);
        return Task.FromResult(AccountValidationResult.Unavailable(
            "Checking Flows Template Account Title accounts is not implemented yet, so this account could not be validated."));
    }
}
