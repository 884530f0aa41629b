using Microsoft.Data.Sqlite;

namespace Flows.Host.Accounts;

/// <summary>How the store tells its faults: a damaged file, a full disk, a read-only folder, an unusable key.</summary>
public sealed partial class AccountStore
{
    /// <summary>
    /// The fault <paramref name="exception"/> means, as a sentence; null when it is not a store fault
    /// (a bug, a cancellation, a refusal the store already words). A damaged file makes the next use
    /// check the whole file again, so writes are refused until it is restored.
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

        var fault = AccountStoreFaults.Describe(exception, _options.DatabasePath, _options.BusyTimeout);
        if (fault?.Fault is AccountStoreFault.Damaged or AccountStoreFault.CannotOpen)
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

        // Pooled connections may hold the old file (a restore puts a new one in its place).
        SqliteConnection.ClearAllPools();
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

    // A page of garbage can sit where no query of the moment looks, and inserts would go on into a
    // damaged file: the whole file is checked when the store is first used (about 15 ms for 10,000 accounts).
    private async Task CheckIntactAsync(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check(1);";
        if (await check.ExecuteScalarAsync().ConfigureAwait(false) is not "ok")
        {
            throw AccountStoreFaults.Damaged(_options.DatabasePath, "database disk image is malformed");
        }
    }

    /// <summary>The store's write queue, with what a write throws told as a store fault.</summary>
    private sealed class FaultReportingWrites(WriteQueue queue, AccountStore store)
    {
        public Task<T> RunAsync<T>(Func<T> write, CancellationToken cancellationToken = default) =>
            queue.RunAsync(
                () =>
                {
                    try
                    {
                        return write();
                    }
                    catch (Exception exception) when (store.Fault(exception) is { } fault)
                    {
                        throw fault;
                    }
                },
                cancellationToken);
    }
}
