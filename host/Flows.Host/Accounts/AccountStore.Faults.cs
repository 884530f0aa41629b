namespace Flows.Host.Accounts;

/// <summary>How the store tells its faults: a damaged file, a full disk, a read-only folder, an unusable key, a database server away.</summary>
public sealed partial class AccountStore
{
    /// <summary>
    /// The fault <paramref name="exception"/> means, as a sentence; null when it is not a store fault
    /// (a bug, a cancellation, a refusal the store already words). A damaged file makes the next use
    /// check the whole file again, so writes are refused until it is restored; a database that cannot
    /// be opened or does not answer is initialised again on next use.
    /// </summary>
    private AccountStoreUnavailableException? Fault(Exception exception)
    {
        if (exception is AccountStoreUnavailableException known)
        {
            if (known.Fault == AccountStoreFault.Damaged)
            {
                ForgetInitialization();
            }

            return null;
        }

        var fault = _engine.Describe(exception);
        if (fault?.Fault is AccountStoreFault.Damaged or AccountStoreFault.CannotOpen or AccountStoreFault.Unreachable)
        {
            ForgetInitialization();
        }

        return fault;
    }

    private void ForgetInitialization()
    {
        lock (_gate)
        {
            _initialization = null;
        }

        // Pooled connections may hold the old file (a restore puts a new one in its place) or a dead server connection.
        _engine.ForgetConnections();
    }

    private async Task<T> Guarded<T>(Task<T> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (Exception exception) when (Fault(exception) is { } fault)
        {
            throw fault;
        }
    }
}
