using System.Text;
using System.Text.Json.Nodes;
using System.Data;
using System.Data.Common;
using Flows.Host.Store;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Accounts;

/// <summary>
/// The accounts users made from connector forms: in one SQLite file (<c>accounts.db</c> in the data
/// directory) by default, or in a PostgreSQL database several nodes share (<see cref="AccountStoreOptions.Store"/>).
/// Durable (a save is answered after its commit is on disk), safe with many writers (every write is
/// one transaction that checks versions and labels; a label's uniqueness is a unique index), and
/// secrets encrypted with AES-256-GCM under a key kept outside the database (see
/// <see cref="AccountStoreOptions"/>). The store knows nothing of plugins: the caller validates values
/// against the schema and says which JSON pointers are secrets.
/// </summary>
public sealed partial class AccountStore
{
    private readonly AccountStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AccountStore> _logger;
    private readonly SecretKeyRing _keys;
    private readonly StoreEngine _engine;
    private readonly Lock _gate = new();
    private Task? _initialization;

    public AccountStore(AccountStoreOptions options, TimeProvider time, ILogger<AccountStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _keys = new SecretKeyRing(options, logger);
        _engine = StoreEngines.Create(options, logger);
    }

    /// <summary>Where the accounts are: the SQLite file, or the PostgreSQL database and its server (never a password).</summary>
    public string Location => _engine.Location;

    /// <summary>Whether the accounts are in a SQLite file (backups and restores work on files).</summary>
    public bool IsFile => _engine is Store.Sqlite.SqliteEngine;

    /// <summary>
    /// Inserts a new account (no <see cref="AccountDraft.Id"/>), or replaces the stored one with that
    /// id if it is still at <see cref="AccountDraft.Version"/> (keeping its creation time). The
    /// values must be complete and already valid; exactly the values at <paramref name="secretPointers"/>
    /// (JSON Pointers; <c>-</c> stands for every row of a list) are encrypted, the rest is stored as JSON.
    /// <see cref="AccountDraft.SignIn"/> tokens are stored with it; without them an account keeps its own.
    /// A new account may take the place of <see cref="AccountDraft.Replaces"/>, deleted in the same transaction.
    /// </summary>
    /// <exception cref="DuplicateAccountLabelException">Another account of the same plugin has this label.</exception>
    /// <exception cref="AccountNotFoundException">The account (or the one it replaces) was deleted; it is not re-created.</exception>
    /// <exception cref="AccountChangedException">The account (or the one it replaces) was saved by someone else since the version the caller read.</exception>
    public async Task<Account> SaveAsync(AccountDraft draft, IEnumerable<string> secretPointers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(secretPointers);
        ArgumentNullException.ThrowIfNull(draft.Values);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.AccountTypeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.PluginId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.PluginVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.SchemaVersion);
        ArgumentNullException.ThrowIfNull(draft.Status);
        var label = AccountLabels.Clean(draft.Label);
        var labelKey = AccountLabels.Key(label);
        if (draft.Id is not null && draft.Version is null)
        {
            throw new ArgumentException("An edit of an account must state the version it read.", nameof(draft));
        }

        if (draft.Id is not null && draft.Replaces is not null)
        {
            throw new ArgumentException("Only a new account replaces another; an edit keeps its own id.", nameof(draft));
        }

        if (draft.SignIn is not null)
        {
            CheckTokens(draft.SignIn);
        }

        var replaced = draft.Replaces is { } replacement ? replacement with { AccountId = NormaliseId(replacement.AccountId)! } : null;

        var id = NormaliseId(draft.Id) ?? Guid.NewGuid().ToString("D");
        var (nonSecret, secrets) = SecretValues.Split(draft.Values, secretPointers);
        var now = _time.GetUtcNow();
        DateTimeOffset createdAt;
        long version;
        AccountSignInInfo? signIn;

        (createdAt, version, signIn) = await WriteAsync(
            (connection, transaction) => Write(connection, transaction, draft, id, label, labelKey, nonSecret, secrets, replaced, now),
            cancellationToken).ConfigureAwait(false);

        if (replaced is not null)
        {
            LogReplaced(_logger, replaced.AccountId, id);
        }

        LogSaved(_logger, id, draft.PluginId);
        var values = (JsonObject)nonSecret.DeepClone();
        SecretValues.Restore(values, secrets);
        return new Account(
            new AccountSummary(id, draft.AccountTypeId, draft.PluginId, label, draft.Status, now, null, signIn),
            version, draft.PluginVersion, draft.SchemaVersion, createdAt, nonSecret, secrets.Select(s => s.Key).Order(StringComparer.Ordinal).ToList(), values, null);
    }

    // One write turn of SaveAsync: the version checks, the label check and the write in one
    // transaction. An edit only ever updates the row it read: a deleted account stays deleted.
    private (DateTimeOffset CreatedAt, long Version, AccountSignInInfo? SignIn) Write(
        DbConnection connection,
        DbTransaction transaction,
        AccountDraft draft,
        string id,
        string label,
        string labelKey,
        JsonObject nonSecret,
        List<KeyValuePair<string, string>> secrets,
        AccountReplacement? replaced,
        DateTimeOffset now)
    {
        var firstSaved = now;
        long version = 1;
        if (replaced is not null)
        {
            // Gone first, so its label is free for the account that takes its place.
            CheckVersion(connection, transaction, replaced.AccountId, replaced.Version);
            DeleteAccountRows(connection, transaction, replaced.AccountId);
        }

        if (draft.Version is { } expected)
        {
            _engine.LockAccount(connection, transaction, id);
            using var existing = Command(connection, transaction, "SELECT created_at, version FROM accounts WHERE id = @id");
            existing.With("@id", id);
            using var reader = existing.ExecuteReader();
            if (!reader.Read())
            {
                throw new AccountNotFoundException(id);
            }

            if (reader.GetInt64(1) != expected)
            {
                throw new AccountChangedException(id, expected, reader.GetInt64(1));
            }

            firstSaved = reader.ReadTime(0);
            version = expected + 1;
        }

        using (var duplicate = Command(connection, transaction, "SELECT id, label FROM accounts WHERE plugin_id = @plugin AND label_key = @key AND id <> @id"))
        {
            duplicate.With("@plugin", draft.PluginId);
            duplicate.With("@key", labelKey);
            duplicate.With("@id", id);
            using var reader = duplicate.ExecuteReader();
            if (reader.Read())
            {
                throw new DuplicateAccountLabelException(label, draft.PluginId, reader.GetString(0), reader.GetString(1));
            }
        }

        using (var upsert = Command(connection, transaction, draft.Version is null
            ? """
              INSERT INTO accounts (id, account_type_id, plugin_id, plugin_version, schema_version, label, label_key,
                                    values_json, status, status_detail, status_checked_at, created_at, updated_at, version)
              VALUES (@id, @type, @plugin, @pluginVersion, @schemaVersion, @label, @key,
                      @values, @status, @detail, @checkedAt, @createdAt, @updatedAt, @version)
              """
            : """
              UPDATE accounts SET
                  account_type_id = @type, plugin_id = @plugin, plugin_version = @pluginVersion, schema_version = @schemaVersion,
                  label = @label, label_key = @key, values_json = @values,
                  status = @status, status_detail = @detail, status_checked_at = @checkedAt, updated_at = @updatedAt, version = @version
              WHERE id = @id
              """))
        {
            upsert.With("@id", id);
            upsert.With("@type", draft.AccountTypeId);
            upsert.With("@plugin", draft.PluginId);
            upsert.With("@pluginVersion", draft.PluginVersion);
            upsert.With("@schemaVersion", draft.SchemaVersion);
            upsert.With("@label", label);
            upsert.With("@key", labelKey);
            upsert.With("@values", nonSecret.ToJsonString());
            AddStatus(upsert, draft.Status);
            upsert.With("@createdAt", _engine.Time(firstSaved));
            upsert.With("@updatedAt", _engine.Time(now));
            upsert.With("@version", version);
            upsert.ExecuteNonQuery();
        }

        // The form's secrets only: the account's tokens are not values, and an edit keeps them.
        using (var clear = Command(connection, transaction, $"DELETE FROM account_secrets WHERE account_id = @id AND {IsFieldSecret}"))
        {
            clear.With("@id", id);
            clear.ExecuteNonQuery();
        }

        if (secrets.Count > 0)
        {
            // Keys are read inside the write transaction, so a concurrent rotation is never missed.
            var key = KeyForWriting(connection, transaction);
            foreach (var (pointer, text) in secrets)
            {
                InsertSecret(connection, transaction, id, pointer, key, text);
            }
        }

        var signIn = draft.SignIn is { } tokens
            ? WriteSignIn(connection, transaction, id, tokens)
            : draft.Version is null ? null : ReadSignInInfo(connection, transaction, id);
        return (firstSaved, version, signIn);
    }

    // Throws unless the account exists at this version; holds it there until the transaction ends.
    private void CheckVersion(DbConnection connection, DbTransaction transaction, string id, long expected)
    {
        _engine.LockAccount(connection, transaction, id);
        using var current = Command(connection, transaction, "SELECT version FROM accounts WHERE id = @id");
        current.With("@id", id);
        switch (current.ExecuteScalar())
        {
            case long stored when stored != expected:
                throw new AccountChangedException(id, expected, stored);
            case null:
                throw new AccountNotFoundException(id);
        }
    }

    // The account, its secrets (tokens included) and its sign-in; true when there was an account.
    private static bool DeleteAccountRows(DbConnection connection, DbTransaction transaction, string id)
    {
        using (var secrets = Command(connection, transaction, "DELETE FROM account_secrets WHERE account_id = @id"))
        {
            secrets.With("@id", id);
            secrets.ExecuteNonQuery();
        }

        using (var signIn = Command(connection, transaction, "DELETE FROM account_sign_ins WHERE account_id = @id"))
        {
            signIn.With("@id", id);
            signIn.ExecuteNonQuery();
        }

        using var account = Command(connection, transaction, "DELETE FROM accounts WHERE id = @id");
        account.With("@id", id);
        return account.ExecuteNonQuery() == 1;
    }

    /// <summary>The account with this id, secrets decrypted (or <see cref="Account.SecretsProblem"/> set); null when there is none.</summary>
    public Task<Account?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        // Ids arrive from URLs and command lines: anything that is not one simply names no account.
        return Guid.TryParse(id, out _)
            ? Guarded(ReadOneAsync("a.id = @value", NormaliseId(id)!, null, cancellationToken))
            : Task.FromResult<Account?>(null);
    }

    /// <summary>The account of <paramref name="pluginId"/> with this label (trimmed, case-insensitive); null when there is none.</summary>
    public Task<Account?> FindByLabelAsync(string pluginId, string label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return Guarded(ReadOneAsync("a.plugin_id = @plugin AND a.label_key = @value", AccountLabels.Key(label), pluginId, cancellationToken));
    }

    /// <summary>
    /// The accounts (of one account type, or all), by label: for dropdowns and lists. Nothing is
    /// decrypted; an account whose form secrets use a key the store does not have says so (its
    /// tokens are checked when they are read: <see cref="GetSignInAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<AccountSummary>> ListAsync(string? accountTypeId = null, CancellationToken cancellationToken = default) =>
        Guarded(ListUnguardedAsync(accountTypeId, cancellationToken));

    private async Task<IReadOnlyList<AccountSummary>> ListUnguardedAsync(string? accountTypeId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var transaction = await _engine.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
                var filter = accountTypeId is null ? "" : " WHERE a.account_type_id = @type";
                var summaries = new List<AccountSummary>();
                using (var select = Command(connection, transaction, $"SELECT {SummaryColumns} FROM {SummarySource}{filter} ORDER BY a.label_key, a.id"))
                {
                    if (accountTypeId is not null)
                    {
                        select.With("@type", accountTypeId);
                    }

                    using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        summaries.Add(ReadSummary(reader));
                    }
                }

                var missing = new Dictionary<string, string>(StringComparer.Ordinal);
                using (var secretKeys = Command(connection, transaction, $"SELECT DISTINCT s.account_id, s.key_id FROM account_secrets s JOIN accounts a ON a.id = s.account_id WHERE {IsFieldSecret}{(accountTypeId is null ? "" : " AND a.account_type_id = @type")}"))
                {
                    if (accountTypeId is not null)
                    {
                        secretKeys.With("@type", accountTypeId);
                    }

                    using var reader = await secretKeys.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    KeySnapshot? keys = null;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        keys ??= _keys.Load();
                        var keyId = reader.GetString(1);
                        if (!keys.Has(keyId))
                        {
                            missing.TryAdd(reader.GetString(0), MissingKeyProblem(keyId));
                        }
                    }
                }

                if (missing.Count > 0 && attempt == 0)
                {
                    continue; // A rotation may have finished between the read and the key lookup: look again.
                }

                return summaries.Select(s => missing.TryGetValue(s.Id, out var problem) ? s with { SecretsProblem = problem } : s).ToList();
            }
        }
    }

    /// <summary>Records the result of a check; false when the account does not exist.</summary>
    public Task<bool> SetStatusAsync(string id, AccountStatus status, CancellationToken cancellationToken = default) =>
        SetStatusAsync(id, status, null, cancellationToken);

    /// <summary>
    /// Records the result of a check of the values at <paramref name="checkedVersion"/>; false when the
    /// account does not exist or was saved with other values since (the result is not theirs).
    /// </summary>
    public async Task<bool> SetStatusAsync(string id, AccountStatus status, long? checkedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(status);
        var normalised = NormaliseId(id)!;
        return await WriteAsync(
                (connection, transaction) =>
                {
                    using var update = Command(connection, transaction, """
                        UPDATE accounts SET status = @status, status_detail = @detail, status_checked_at = @checkedAt, updated_at = @updatedAt
                        WHERE id = @id AND (@version IS NULL OR version = @version)
                        """);
                    update.With("@id", normalised);
                    update.With("@version", checkedVersion, DbType.Int64);
                    AddStatus(update, status);
                    update.With("@updatedAt", _engine.Time(_time.GetUtcNow()));
                    return update.ExecuteNonQuery() == 1;
                },
                cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the account, its secrets and its tokens; false when it did not exist.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync(id, null, cancellationToken);

    /// <summary>Deletes the account, its secrets and its tokens if it is still at <paramref name="expectedVersion"/> (any version when null); false when it did not exist.</summary>
    /// <exception cref="AccountChangedException">The account was saved since <paramref name="expectedVersion"/>; nothing was deleted.</exception>
    public async Task<bool> DeleteAsync(string id, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var normalised = NormaliseId(id)!;
        var deleted = await WriteAsync(
                (connection, transaction) =>
                {
                    if (expectedVersion is { } expected)
                    {
                        _engine.LockAccount(connection, transaction, normalised);
                        using var current = Command(connection, transaction, "SELECT version FROM accounts WHERE id = @id");
                        current.With("@id", normalised);
                        if (current.ExecuteScalar() is long stored && stored != expected)
                        {
                            throw new AccountChangedException(normalised, expected, stored);
                        }
                    }

                    return DeleteAccountRows(connection, transaction, normalised);
                },
                cancellationToken).ConfigureAwait(false);

        if (deleted)
        {
            LogDeleted(_logger, normalised);
        }

        return deleted;
    }

    private async Task<Account?> ReadOneAsync(string where, string value, string? pluginId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var transaction = await _engine.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
                AccountSummary summary;
                string pluginVersion, schemaVersion, valuesJson;
                DateTimeOffset createdAt;
                long version;
                using (var select = Command(connection, transaction, $"SELECT {SummaryColumns}, a.plugin_version, a.schema_version, a.created_at, a.values_json, a.version FROM {SummarySource} WHERE {where}"))
                {
                    select.With("@value", value);
                    if (pluginId is not null)
                    {
                        select.With("@plugin", pluginId);
                    }

                    using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    summary = ReadSummary(reader);
                    pluginVersion = reader.GetString(SummaryColumnCount);
                    schemaVersion = reader.GetString(SummaryColumnCount + 1);
                    createdAt = reader.ReadTime(SummaryColumnCount + 2);
                    valuesJson = reader.GetString(SummaryColumnCount + 3);
                    version = reader.GetInt64(SummaryColumnCount + 4);
                }

                var nonSecret = JsonNode.Parse(valuesJson)!.AsObject();
                var secrets = new List<KeyValuePair<string, string>>();
                string? problem = null;
                var keyMissing = false;
                using (var select = Command(connection, transaction, $"SELECT pointer, key_id, nonce, ciphertext, tag FROM account_secrets WHERE account_id = @id AND {IsFieldSecret} ORDER BY pointer"))
                {
                    select.With("@id", summary.Id);
                    using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    KeySnapshot? keys = null;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        keys ??= _keys.Load();
                        var pointer = reader.GetString(0);
                        var keyId = reader.GetString(1);
                        string? text = null;
                        if (!keys.All.TryGetValue(keyId, out var key))
                        {
                            keyMissing = true;
                            problem ??= MissingKeyProblem(keyId);
                        }
                        else if ((text = SecretCipher.Decrypt(key, summary.Id, pointer, (byte[])reader[2], (byte[])reader[3], (byte[])reader[4])) is null)
                        {
                            problem ??= $"The secrets could not be decrypted with key {keyId}: the key is wrong or the stored data was changed.";
                        }

                        if (text is null)
                        {
                            LogSecretsUnavailable(_logger, summary.Id, keyId);
                        }

                        secrets.Add(new(pointer, text ?? ""));
                    }
                }

                if (keyMissing && attempt == 0)
                {
                    continue; // A rotation may have finished between the read and the key lookup: look again.
                }

                JsonObject? values = null;
                if (problem is null)
                {
                    values = (JsonObject)nonSecret.DeepClone();
                    SecretValues.Restore(values, secrets);
                }

                return new Account(
                    summary with { SecretsProblem = problem }, version, pluginVersion, schemaVersion, createdAt, nonSecret,
                    secrets.Select(s => s.Key).ToList(), values, problem);
            }
        }
    }

    private static void InsertSecret(
        DbConnection connection, DbTransaction transaction, string accountId, string pointer, SecretKey key, string text)
    {
        var (nonce, ciphertext, tag) = SecretCipher.Encrypt(key, accountId, pointer, text);
        using var insert = Command(connection, transaction, """
            INSERT INTO account_secrets (account_id, pointer, key_id, nonce, ciphertext, tag)
            VALUES (@account, @pointer, @key, @nonce, @ciphertext, @tag)
            ON CONFLICT (account_id, pointer) DO UPDATE SET
                key_id = excluded.key_id, nonce = excluded.nonce, ciphertext = excluded.ciphertext, tag = excluded.tag
            """);
        insert.With("@account", accountId);
        insert.With("@pointer", pointer);
        insert.With("@key", key.Id);
        insert.With("@nonce", nonce);
        insert.With("@ciphertext", ciphertext);
        insert.With("@tag", tag);
        insert.ExecuteNonQuery();
    }

    private const string SummaryColumns =
        "a.id, a.account_type_id, a.plugin_id, a.label, a.status, a.status_detail, a.status_checked_at, a.updated_at, g.identity, g.signed_in_at, g.expires_at";

    private const int SummaryColumnCount = 11;

    private const string SummarySource = "accounts a LEFT JOIN account_sign_ins g ON g.account_id = a.id";

    private static AccountSummary ReadSummary(DbDataReader reader)
    {
        var kind = reader.GetString(4) switch
        {
            "not-validated" => AccountStatusKind.NotValidated,
            "valid" => AccountStatusKind.Valid,
            "invalid" => AccountStatusKind.Invalid,
            "unavailable" => AccountStatusKind.Unavailable,
            var other => throw new AccountStoreException($"Account {reader.GetString(0)} has an unknown status '{other}'."),
        };
        var status = new AccountStatus(
            kind,
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.ReadTimeOrNull(6));
        return new AccountSummary(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), status, reader.ReadTime(7), null, ReadSignInInfo(reader, 8));
    }

    private void AddStatus(DbCommand command, AccountStatus status)
    {
        command.With("@status", status.Kind switch
        {
            AccountStatusKind.NotValidated => "not-validated",
            AccountStatusKind.Valid => "valid",
            AccountStatusKind.Invalid => "invalid",
            AccountStatusKind.Unavailable => "unavailable",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status.Kind, "Unknown account status."),
        });
        command.With("@detail", status.Detail);
        command.With("@checkedAt", status.CheckedAt is { } at ? _engine.Time(at) : null, DbType.DateTimeOffset);
    }

    private static string MissingKeyProblem(string keyId) =>
        $"The secret key that encrypted this account's secrets is not available (key id {keyId}). " +
        $"Restore the key file it came from, or set {AccountStoreOptions.SecretKeyVariable} to it.";

    private static string? NormaliseId(string? id)
    {
        if (id is null)
        {
            return null;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        return Guid.TryParse(id, out var guid)
            ? guid.ToString("D")
            : throw new ArgumentException($"'{id}' is not an account id (a GUID).", nameof(id));
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) => connection.Command(transaction, sql);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializedAsync(cancellationToken).ConfigureAwait(false);
            return await _engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Fault(exception) is { } fault)
        {
            throw fault;
        }
    }

    // One write transaction through the engine, with what it throws told as a store fault.
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> write, CancellationToken cancellationToken)
    {
        try
        {
            await InitializedAsync(cancellationToken).ConfigureAwait(false);
            return await _engine.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Fault(exception) is { } fault)
        {
            throw fault;
        }
    }

    private Task InitializedAsync(CancellationToken cancellationToken)
    {
        Task initialization;
        lock (_gate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeAsync();
            }

            initialization = _initialization;
        }

        return initialization.WaitAsync(cancellationToken);
    }

    // Runs again on the next use after it failed, so a store that was repaired or restored (or a
    // key that was put back, or a database server that came back) is used again without a restart.
    private async Task InitializeAsync()
    {
        _keys.EnsureUsable();
        var (found, current) = await _engine.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        if (found != current)
        {
            LogMigrated(_logger, _engine.Location, found, current);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account store {Path} migrated from schema version {From} to {To}")]
    private static partial void LogMigrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved account {AccountId} of plugin {PluginId}")]
    private static partial void LogSaved(ILogger logger, string accountId, string pluginId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted account {AccountId}")]
    private static partial void LogDeleted(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted account {AccountId}, replaced by account {ReplacementId}")]
    private static partial void LogReplaced(ILogger logger, string accountId, string replacementId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The secrets of account {AccountId} cannot be decrypted (key id {KeyId})")]
    private static partial void LogSecretsUnavailable(ILogger logger, string accountId, string keyId);
}
