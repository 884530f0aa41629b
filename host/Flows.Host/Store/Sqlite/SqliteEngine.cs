using System.Data.Common;
using System.Globalization;
using Flows.Host.Accounts;
using Flows.Host.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Store.Sqlite;

/// <summary>
/// The store in one SQLite file: WAL, <c>synchronous=FULL</c> (an acknowledged write survives a kill),
/// foreign keys on, and its files private to their owner. The writes of this process queue on one
/// thread and the writes waiting together share one commit (each inside a savepoint, so one that fails
/// leaves its neighbours' work in place); other processes are handled by the busy timeout.
/// </summary>
internal sealed partial class SqliteEngine : StoreEngine
{
    /// <summary>The files SQLite keeps beside the database.</summary>
    public static readonly string[] CompanionSuffixes = ["-wal", "-shm", "-journal"];

    private readonly AccountStoreOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly WriteQueue _writes;

    // The open group's connection and transaction: set and read on the writing thread only.
    private SqliteConnection? _groupConnection;
    private SqliteTransaction? _groupTransaction;

    public SqliteEngine(AccountStoreOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _writes = new WriteQueue("Flows account writes", group: new GroupCommit(this), maxGroup: options.MaxWritesPerCommit);
    }

    public override string Location => _options.DatabasePath;

    /// <summary>Runs <paramref name="work"/> between the store's writes, in no transaction (a restore replaces the file).</summary>
    public Task<T> RunAloneAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        _writes.RunAsync(work, alone: true, cancellationToken);

    public override async Task<(int Found, int Current)> InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
        if (directory is not null)
        {
            PrivateFiles.CreateDirectory(directory);
        }

        PrepareFiles();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await CheckIntactAsync(connection).ConfigureAwait(false);
            var found = await SqliteSchema.MigrateAsync(connection, _options.DatabasePath, cancellationToken).ConfigureAwait(false);
            return (found, SqliteSchema.CurrentVersion);
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> write, CancellationToken cancellationToken) =>
        _writes.RunAsync(() => write(_groupConnection!, _groupTransaction!), cancellationToken: cancellationToken);

    // Writes of this process run one at a time and other processes wait for the write lock: nothing to hold.
    public override void LockKeys(DbConnection connection, DbTransaction transaction, bool exclusive)
    {
    }

    // A write transaction holds the whole database.
    public override void LockAccount(DbConnection connection, DbTransaction transaction, string accountId)
    {
    }

    public override object Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public override AccountStoreUnavailableException? Describe(Exception exception) =>
        SqliteFaults.Describe(exception, _options.DatabasePath, _options.BusyTimeout);

    public override void ForgetConnections() => SqliteConnection.ClearAllPools();

    /// <summary>A connection with the store's settings (busy timeout, durable commits, foreign keys).</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // SQLite creates the -wal, -shm and -journal files with the mode of the database file, so an
    // empty database created 0600 first keeps all of them private. (An empty file is a valid, empty database.)
    private void PrepareFiles()
    {
        var path = _options.DatabasePath;
        PrivateFiles.CreateEmptyIfMissing(path);
        foreach (var file in CompanionSuffixes.Select(s => path + s).Prepend(path))
        {
            if (PrivateFiles.Tighten(file))
            {
                LogTightened(_logger, file);
            }
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
            throw SqliteFaults.Damaged(_options.DatabasePath, "database disk image is malformed");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} was readable by other users; it is now readable and writable by its owner only (0600)")]
    private static partial void LogTightened(ILogger logger, string path);

    /// <summary>
    /// The writes taken from the queue together, in one <c>BEGIN IMMEDIATE</c> transaction and one
    /// durable commit: each inside a savepoint, rolled back alone when it fails. Every write is answered
    /// after the commit (the queue completes them), so none is told "saved" before it is on disk; when
    /// the commit fails, every write of the group fails with it.
    /// </summary>
    private sealed class GroupCommit(SqliteEngine engine) : WriteGroup
    {
        public override void Run(IReadOnlyList<QueuedWrite> writes)
        {
            using var connection = engine.OpenConnectionAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var transaction = connection.BeginTransaction(deferred: false);
            engine._groupConnection = connection;
            engine._groupTransaction = transaction;
            try
            {
                foreach (var write in writes)
                {
                    transaction.Save("write");
                    if (!write.Execute())
                    {
                        transaction.Rollback("write");
                    }

                    transaction.Release("write");
                }

                transaction.Commit();
            }
            finally
            {
                engine._groupConnection = null;
                engine._groupTransaction = null;
            }
        }
    }
}
