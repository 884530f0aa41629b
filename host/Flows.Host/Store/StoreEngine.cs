using System.Data.Common;
using Flows.Host.Accounts;

namespace Flows.Host.Store;

/// <summary>
/// The database under the account store: SQLite (one file, the default) or PostgreSQL (one database
/// several nodes share). The store's queries are written once, in SQL both run (named parameters as
/// <c>@name</c>); an engine opens connections, runs transactions its own way, keeps its schema and
/// tells its faults in words.
/// </summary>
internal abstract class StoreEngine
{
    /// <summary>Where the store is, for messages: a file path, or a database and its server (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>Creates what is missing and brings the schema up to date; run before first use and again after a fault.</summary>
    /// <returns>The schema version found, and the one now in place.</returns>
    public abstract Task<(int Found, int Current)> InitializeAsync(CancellationToken cancellationToken);

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A read-only transaction: every query in it sees the same committed state.</summary>
    public abstract Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction and answers once its commit is durable.
    /// The write may run more than once (an engine retries a conflict with a concurrent writer), so
    /// it must do nothing outside the transaction; what it throws fails the write and nothing of it
    /// is kept.
    /// </summary>
    public abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> write, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the secret key steady until the transaction ends: shared by writes that encrypt, exclusive
    /// for the step of a rotation that changes the key, so no write encrypts under a key retired meanwhile.
    /// </summary>
    public abstract void LockKeys(DbConnection connection, DbTransaction transaction, bool exclusive);

    /// <summary>
    /// Locks the account's row until the transaction ends, so what the write reads of it next (its
    /// version, its tokens' version) stays true until it commits.
    /// </summary>
    public abstract void LockAccount(DbConnection connection, DbTransaction transaction, string accountId);

    /// <summary>A time as this engine stores it.</summary>
    public abstract object Time(DateTimeOffset time);

    /// <summary>The fault <paramref name="exception"/> means for this store, in words; null when it is not one.</summary>
    public abstract AccountStoreUnavailableException? Describe(Exception exception);

    /// <summary>Drops pooled connections (after a fault or a restore, they may hold what is gone).</summary>
    public abstract void ForgetConnections();
}
