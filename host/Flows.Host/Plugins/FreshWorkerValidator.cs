using Flows.Contracts;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Isolation;

namespace Flows.Host.Plugins;

/// <summary>
/// A validator handed out by the catalog: when its plugin's worker ended for being idle between the
/// lookup and the call, the check runs in a fresh worker instead of failing (nothing had been sent).
/// </summary>
/// <param name="findAgain">Looks the validator up again (activating the plugin in a fresh worker), unwrapped.</param>
internal sealed class FreshWorkerValidator(
    IAccountValidator inner, Func<CancellationToken, Task<(IAccountValidator? Validator, ActivationResult Activation)>> findAgain) : IAccountValidator
{
    public string AccountTypeId => inner.AccountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerIdleEndedException)
        {
            var (validator, activation) = await findAgain(cancellationToken).ConfigureAwait(false);
            if (validator is null)
            {
                return AccountValidationResult.Unavailable(activation.Reason ?? "The connector is not available. Try again.");
            }

            try
            {
                return await validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkerIdleEndedException)
            {
                // Its fresh worker ended too before the call: only with an idle time of next to nothing.
                return AccountValidationResult.Unavailable("The connector's process ended before the check could start. Try again.");
            }
        }
    }
}
