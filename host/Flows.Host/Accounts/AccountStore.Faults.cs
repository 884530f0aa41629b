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

    /// <summary>
    /// Whether the store answers now (its schema in place, a query answered): null when it does, else
    /// the fault in words. For readiness checks: it never throws for a store fault.
    /// </summary>
    public async Task<string?> CheckReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Guarded(PingAsync(cancellationToken)).ConfigureAwait(false);
            return null;
        }
        catch (AccountStoreUnavailableException unavailable)
        {
            return unavailable.Message;
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var ping = Command(connection, null, "SELECT 1");
            await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
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
