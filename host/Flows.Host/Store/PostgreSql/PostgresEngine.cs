using System.Data;
using System.Data.Common;
using Flows.Host.Accounts;
using Npgsql;

namespace Flows.Host.Store.PostgreSql;

/// <summary>
/// The store in a PostgreSQL database that several nodes share. Every write is one read-committed
/// transaction that locks the account rows it reads before it trusts them (versions, token versions);
/// a label's uniqueness is a unique index, so no interleaving of nodes can store a label twice, and a
/// write that meets it (or a deadlock) is run again, when the store's own check then sees the other
/// writer's account and says so. Reads are repeatable-read snapshots.
/// </summary>
internal sealed class PostgresEngine : StoreEngine, IDisposable
{
    // A write that keeps meeting concurrent writers gives up after this many runs (as "busy, try again").
    // One run more than a clash of labels needs is usual; more is rare (deadlocks).
    private const int MaxRuns = 12;

    // A unique index another node's write got to first is seen by the write's own check on its next
    // run; one still violated after that is not a race, and is not hidden behind more runs.
    private const int MaxRunsOnUniqueViolation = 3;

    // pg_advisory_xact_lock's key for the secret key ("flows key" in ASCII, truncated).
    private const long KeyLock = 0x666c6f77736b6579;

    private readonly NpgsqlDataSource _source;

    public PostgresEngine(string address)
    {
        var builder = PostgresConnectionStrings.Parse(address);
        Location = PostgresConnectionStrings.Describe(builder);
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    public override async Task<(int Found, int Current)> InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var found = await PostgresSchema.MigrateAsync(connection, Location, cancellationToken).ConfigureAwait(false);
            return (found, PostgresSchema.CurrentVersion);
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> write, CancellationToken cancellationToken)
    {
        for (var run = 1; ; run++)
        {
            var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    try
                    {
                        var result = write(connection, transaction);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return result;
                    }
                    catch (PostgresException conflict) when (PostgresFaults.IsConflict(conflict)
                        && run < (conflict.SqlState == PostgresErrorCodes.UniqueViolation ? MaxRunsOnUniqueViolation : MaxRuns))
                    {
                        // Rolled back when disposed; run again below, after a short random pause.
                    }
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 << Math.Min(run, 4))), cancellationToken).ConfigureAwait(false);
        }
    }

    public override void LockKeys(DbConnection connection, DbTransaction transaction, bool exclusive)
    {
        using var command = connection.Command(transaction, exclusive ? $"SELECT pg_advisory_xact_lock({KeyLock})" : $"SELECT pg_advisory_xact_lock_shared({KeyLock})");
        command.ExecuteNonQuery();
    }

    public override void LockAccount(DbConnection connection, DbTransaction transaction, string accountId)
    {
        using var command = connection.Command(transaction, "SELECT 1 FROM accounts WHERE id = @id FOR UPDATE").With("@id", accountId);
        command.ExecuteNonQuery();
    }

    // timestamptz keeps microseconds.
    public override object Time(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    public override AccountStoreUnavailableException? Describe(Exception exception) => PostgresFaults.Describe(exception, Location);

    public override void ForgetConnections() => _source.Clear();

    public void Dispose() => _source.Dispose();
}
