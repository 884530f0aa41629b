using System.Globalization;
using Flows.Host.Hosting;
using Flows.Host.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Accounts;

/// <summary>
/// Backups of the store: a copy made with SQLite's online backup (consistent while others write,
/// secrets still encrypted), and a restore that checks the copy before it replaces anything.
/// </summary>
public sealed partial class AccountStore
{
    /// <summary>
    /// Writes a consistent copy of the store to <paramref name="destination"/> (0600, written to a
    /// temporary file first and renamed, so a failed backup never leaves half a file under that name).
    /// Secrets stay encrypted: the copy is of no use without the key.
    /// </summary>
    public async Task<AccountStoreBackup> BackupAsync(string destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        _ = FileEngine();
        var target = Path.GetFullPath(destination);
        if (string.Equals(target, Path.GetFullPath(_options.DatabasePath), StringComparison.Ordinal))
        {
            throw new AccountStoreException($"{target} is the account store itself; write the backup to another file.");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new AccountStoreException($"The folder {folder} does not exist; create it or write the backup elsewhere.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            AccountStoreBackup backup;
            var source = (SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                try
                {
                    PrivateFiles.CreateEmptyIfMissing(temporary);
                    using var copy = OpenFile(temporary, SqliteOpenMode.ReadWrite);
                    // One backup step copies every page under one read transaction: a snapshot, however many write meanwhile.
                    source.BackupDatabase(copy);
                    Execute(copy, "PRAGMA journal_mode=DELETE;"); // One self-contained file, no -wal beside it.
                    backup = Describe(copy, target);
                }
                catch (Exception exception) when (Fault(exception) is { } fault)
                {
                    throw fault;
                }
            }

            FlushToDisk(temporary);
            File.Move(temporary, target, overwrite: true);
            LogBackedUp(_logger, target, backup.Accounts);
            return backup;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AccountStoreException(
                $"The backup {target} could not be written ({Reason(exception)}). Choose a folder this user can write, with space to spare.", exception);
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <summary>
    /// Replaces the store's accounts with those of a backup, after checking it: intact (<c>PRAGMA
    /// integrity_check</c>), of a schema this Flows knows, and every secret readable with a key the
    /// store has or <paramref name="backupKeys"/> gives (base64); secrets under any other key than the
    /// current one are encrypted again under it. <paramref name="confirm"/> sees what the backup holds
    /// before anything changes; false leaves everything as it was (and the result null). The store
    /// that is replaced is kept beside it as <c>accounts.db.replaced-&lt;time&gt;</c>.
    /// </summary>
    /// <exception cref="AccountStoreException">The backup is refused; nothing was changed.</exception>
    public async Task<AccountStoreRestore?> RestoreAsync(
        string backupPath, IReadOnlyList<string> backupKeys, Func<AccountStoreBackup, bool> confirm, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        ArgumentNullException.ThrowIfNull(backupKeys);
        ArgumentNullException.ThrowIfNull(confirm);
        var file = FileEngine();
        var source = Path.GetFullPath(backupPath);
        if (!File.Exists(source))
        {
            throw new AccountStoreException($"There is no backup at {source}.");
        }

        var live = Path.GetFullPath(_options.DatabasePath);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(live)!);
        var staged = $"{live}.restore-{Guid.NewGuid():N}.tmp";
        try
        {
            var extraKeys = backupKeys
                .Select(k => SecretKeyRing.TryParse(k.Trim(), out var material)
                    ? new SecretKey(material, "the backup's key")
                    : throw new AccountStoreException("The key given for the backup is not a base64-encoded 32-byte key. Nothing was changed."))
                .ToList();
            AccountStoreBackup held;
            int reencrypted;
            using (var copy = StageCopy(source, staged))
            {
                held = CheckBackup(copy, source);
                reencrypted = ReencryptUnderCurrentKey(copy, source, extraKeys);
                await SqliteSchema.MigrateAsync(copy, staged, cancellationToken).ConfigureAwait(false);
            }

            if (!confirm(held))
            {
                return null;
            }

            var sideFile = await file.RunAloneAsync(() => Replace(live, staged), cancellationToken).ConfigureAwait(false);
            ForgetInitialization();
            LogRestored(_logger, source, live, sideFile ?? "(none)");
            return new AccountStoreRestore(held, reencrypted, sideFile);
        }
        finally
        {
            DeleteQuietly(staged);
            DeleteQuietly(staged + "-journal");
            DeleteQuietly(staged + "-wal");
            DeleteQuietly(staged + "-shm");
        }
    }

    // The backup is copied before it is looked at: checks, re-encryption and migration change only the copy.
    // Backups and restores are of the SQLite file; a database server has its own (pg_dump, replicas).
    private SqliteEngine FileEngine() => _engine as SqliteEngine ?? throw new AccountStoreException(
        $"The accounts are in the {_engine.Location}: back it up with the database's own tools (pg_dump), " +
        "or copy the accounts into a SQLite file with flows store copy.");

    private static SqliteConnection StageCopy(string source, string staged)
    {
        PrivateFiles.CreateEmptyIfMissing(staged);
        var copy = OpenFile(staged, SqliteOpenMode.ReadWrite);
        try
        {
            using var backup = OpenFile(source, SqliteOpenMode.ReadOnly);
            backup.BackupDatabase(copy);
            return copy;
        }
        catch (SqliteException exception)
        {
            copy.Dispose();
            throw new AccountStoreException(
                $"{source} cannot be read as an account store backup ({(exception.SqliteErrorCode is 26 or 11 ? "it is not a database, or it is damaged" : "SQLite error " + exception.SqliteErrorCode.ToString(CultureInfo.InvariantCulture))}). Nothing was changed.",
                exception);
        }
    }

    private static AccountStoreBackup CheckBackup(SqliteConnection copy, string source)
    {
        string integrity;
        try
        {
            integrity = Convert.ToString(Scalar(copy, "PRAGMA integrity_check(1);"), CultureInfo.InvariantCulture) ?? "";
        }
        catch (SqliteException exception)
        {
            throw new AccountStoreException($"The backup {source} is damaged (database disk image is malformed). Nothing was changed; try an older backup.", exception);
        }

        if (integrity != "ok")
        {
            throw new AccountStoreException($"The backup {source} is damaged (pragma integrity_check failed). Nothing was changed; try an older backup.");
        }

        var version = Convert.ToInt32(Scalar(copy, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > SqliteSchema.CurrentVersion)
        {
            throw new AccountStoreException(
                $"The backup {source} has schema version {version}, but this version of Flows understands up to {SqliteSchema.CurrentVersion}: " +
                "it was made by a newer Flows. Restore it with that Flows or a newer one. Nothing was changed.");
        }

        if (version < 1 || Convert.ToInt64(Scalar(copy, "SELECT count(*) FROM sqlite_schema WHERE name IN ('accounts', 'account_secrets')"), CultureInfo.InvariantCulture) != 2)
        {
            throw new AccountStoreException($"{source} is not a Flows account store backup (it has no accounts table). Nothing was changed.");
        }

        return Describe(copy, source);
    }

    // Every secret must open with a key at hand, or the restore would bring back accounts nobody can use.
    private int ReencryptUnderCurrentKey(SqliteConnection copy, string source, IReadOnlyList<SecretKey> backupKeys)
    {
        if (Convert.ToInt64(Scalar(copy, "SELECT count(*) FROM account_secrets"), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        var keys = _keys.LoadForWriting();
        var current = keys.Current!;
        var all = new Dictionary<string, SecretKey>(keys.All, StringComparer.Ordinal);
        foreach (var key in backupKeys)
        {
            all.TryAdd(key.Id, key);
        }

        var rows = new List<(string AccountId, string Pointer, string KeyId, byte[] Nonce, byte[] Ciphertext, byte[] Tag)>();
        using (var select = copy.CreateCommand())
        {
            select.CommandText = "SELECT account_id, pointer, key_id, nonce, ciphertext, tag FROM account_secrets";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3], (byte[])reader[4], (byte[])reader[5]));
            }
        }

        var plain = new List<(string AccountId, string Pointer, string Text)>();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var wrong = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!all.TryGetValue(row.KeyId, out var key))
            {
                missing.Add(row.KeyId);
            }
            else if (SecretCipher.Decrypt(key, row.AccountId, row.Pointer, row.Nonce, row.Ciphertext, row.Tag) is not { } text)
            {
                wrong.Add(row.KeyId);
            }
            else if (row.KeyId != current.Id)
            {
                plain.Add((row.AccountId, row.Pointer, text));
            }
        }

        if (missing.Count > 0)
        {
            throw new AccountStoreException(
                $"The backup {source} was made with another key (key id {string.Join(", ", missing)}) than this store has (key id {current.Id}). " +
                $"Give that key: flows accounts restore {source} --key-file <file holding it, base64> (or set {AccountStoreOptions.PreviousSecretKeysVariable} to it). Nothing was changed.");
        }

        if (wrong.Count > 0)
        {
            throw new AccountStoreException(
                $"Secrets in the backup {source} do not decrypt with key {string.Join(", ", wrong)}: the backup was changed after it was made, or the key given is not the one it was made with. Nothing was changed.");
        }

        using var transaction = copy.BeginTransaction();
        foreach (var (accountId, pointer, text) in plain)
        {
            InsertSecret(copy, transaction, accountId, pointer, current, text);
        }

        transaction.Commit();
        return plain.Count;
    }

    // One write turn: this process's writers wait; other processes see the old store or the new one,
    // never a mix, because the copy goes in through SQLite's own locking (a damaged file, which no
    // one can be using, is replaced as a file).
    private string? Replace(string live, string staged)
    {
        var sideFile = string.Create(CultureInfo.InvariantCulture, $"{live}.replaced-{_time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}");
        var intact = File.Exists(live) && KeepSideCopy(live, sideFile);
        if (!intact && File.Exists(live))
        {
            // Damaged or unreadable: keep its bytes as they are.
            File.Copy(live, sideFile, overwrite: true);
            PrivateFiles.Tighten(sideFile);
        }

        using (var restored = OpenFile(staged, SqliteOpenMode.ReadWrite))
        {
            if (intact)
            {
                using var target = OpenFile(live, SqliteOpenMode.ReadWrite);
                Execute(target, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};"));
                restored.BackupDatabase(target);
                return sideFile;
            }
        }

        SqliteConnection.ClearAllPools();
        foreach (var companion in SqliteEngine.CompanionSuffixes)
        {
            DeleteQuietly(live + companion);
        }

        File.Move(staged, live, overwrite: true);
        return File.Exists(sideFile) ? sideFile : null;
    }

    private static bool KeepSideCopy(string live, string sideFile)
    {
        try
        {
            using var current = OpenFile(live, SqliteOpenMode.ReadWrite);
            if (Convert.ToString(Scalar(current, "PRAGMA quick_check(1);"), CultureInfo.InvariantCulture) != "ok")
            {
                return false;
            }

            PrivateFiles.CreateEmptyIfMissing(sideFile);
            using var side = OpenFile(sideFile, SqliteOpenMode.ReadWrite);
            current.BackupDatabase(side);
            Execute(side, "PRAGMA journal_mode=DELETE;");
            return true;
        }
        catch (SqliteException)
        {
            DeleteQuietly(sideFile);
            return false;
        }
    }

    private static AccountStoreBackup Describe(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        var accounts = Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM accounts"), CultureInfo.InvariantCulture);
        var keyIds = new List<string>();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT DISTINCT key_id FROM account_secrets ORDER BY key_id";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            keyIds.Add(reader.GetString(0));
        }

        return new AccountStoreBackup(path, accounts, version, keyIds);
    }

    private static SqliteConnection OpenFile(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private static string Reason(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: 28 or 122 } => "no space left on the disk",
        IOException { HResult: 30 } => "read-only file system",
        _ => "input/output error",
    };

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless; the operation's own outcome is what matters.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed up the account store to {Path} ({Accounts} accounts)")]
    private static partial void LogBackedUp(ILogger logger, string path, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the account store {Store} from {Backup}; the replaced store is kept as {SideFile}")]
    private static partial void LogRestored(ILogger logger, string backup, string store, string sideFile);
}

/// <summary>What a backup holds.</summary>
/// <param name="Path">The backup file.</param>
/// <param name="Accounts">How many accounts.</param>
/// <param name="SchemaVersion">The store schema version it was written with.</param>
/// <param name="KeyIds">The ids of the keys its secrets are encrypted under (never the keys).</param>
public sealed record AccountStoreBackup(string Path, int Accounts, int SchemaVersion, IReadOnlyList<string> KeyIds);

/// <summary>What a restore did.</summary>
/// <param name="Restored">What the backup held.</param>
/// <param name="Reencrypted">Secrets encrypted again under the store's current key.</param>
/// <param name="SideFile">Where the replaced store was kept; null when there was none.</param>
public sealed record AccountStoreRestore(AccountStoreBackup Restored, int Reencrypted, string? SideFile);
