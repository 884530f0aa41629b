using Flows.Contracts;
using Flows.Host.Plugins.Isolation.Protocol;

namespace Flows.Host.Plugins.Isolation;

/// <summary>A validator that runs in a plugin's worker process: the call and the verdict cross the pipe.</summary>
internal sealed class RemoteAccountValidator(WorkerProcess worker, string accountTypeId) : IAccountValidator
{
    public string AccountTypeId => accountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateAnswer answer;
        try
        {
            answer = await worker.ValidateAsync(ValidateRequest.From(request), cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerExitedException exited)
        {
            var code = exited.ExitCode is { } exitCode ? $" (exit code {exitCode})" : string.Empty;
            return AccountValidationResult.Unavailable(
                $"The connector stopped while checking the account{code}. Try again; if it keeps happening, report it to the connector's publisher.");
        }

        return answer.ToResult();
    }
}
