using System.Data;
using System.Data.Common;
using System.Globalization;
using Flows.Host.Store;
using Flows.Host.Store.PostgreSql;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Accounts;

/// <summary>
/// Copying every account into another store (SQLite to PostgreSQL and back): the rows as they are,
/// secrets still encrypted (never decrypted and encrypted again), in one transaction on the target;
/// then a check that the target holds them all and that every secret in it decrypts with the keys at hand.
/// </summary>
public sealed partial class AccountStore
{
    // Clashes named in a refusal; the rest are counted.
    private const int ClashesNamed = 3;

    /// <summary>
    /// The store at <paramref name="store"/> (a PostgreSQL address, as a URL or Npgsql keywords, or a
    /// SQLite file path), with this store's keys: the key file, <c>FLOWS_SECRET_KEY</c> and the previous keys.
    /// </summary>
    /// <exception cref="FormatException">The PostgreSQL address does not parse; the message never quotes it.</exception>
    public AccountStore OpenOther(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        var address = store.Trim();
        var isServer = PostgresConnectionStrings.IsPostgres(address);
        return new AccountStore(
            new AccountStoreOptions
            {
                DatabasePath = isServer ? _options.DatabasePath : Path.GetFullPath(address),
                Store = isServer ? address : null,
                KeyDirectory = _options.KeyDirectory,
                SecretKey = _options.SecretKey,
                PreviousSecretKeys = _options.PreviousSecretKeys,
                BusyTimeout = _options.BusyTimeout,
            },
            _time,
            _logger);
    }

    /// <summary>
    /// Copies every account, secret and sign-in of this store into <paramref name="target"/> in one
    /// transaction (all or nothing), creating or migrating its schema first; then counts the target's
    /// rows and decrypts every secret in it with its keys. The secrets are copied as stored (ciphertext,
    /// nonce, tag, key id), so the target needs the keys this store's secrets are under.
    /// </summary>
    /// <param name="target">Where the accounts go (<see cref="OpenOther"/>).</param>
    /// <param name="intoNonEmpty">Add to a target that already holds accounts; an account whose id or label it has refuses the copy.</param>
    /// <exception cref="AccountStoreException">The copy is refused (the same store, no source, a non-empty target, a clash); nothing was written.</exception>
    public async Task<StoreCopyResult> CopyToAsync(AccountStore target, bool intoNonEmpty, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (IsSameStore(target))
        {
            throw new AccountStoreException($"{Location} is both the source and the target of the copy; nothing was copied.");
        }

        if (IsFile && !File.Exists(_options.DatabasePath))
        {
            throw new AccountStoreException($"There is no account store at {Location}; nothing was copied.");
        }

        var rows = await Guarded(ReadEveryRowAsync(cancellationToken)).ConfigureAwait(false);
        var before = await target.WriteAsync((connection, transaction) => target.WriteRows(connection, transaction, rows, intoNonEmpty), cancellationToken).ConfigureAwait(false);
        var copied = new StoreRowCounts(rows.Accounts.Count, rows.Secrets.Count, rows.SignIns.Count);
        LogCopied(_logger, copied.Accounts, Location, target.Location);

        var (found, unreadable) = await target.Guarded(target.VerifyAsync(cancellationToken)).ConfigureAwait(false);
        var expected = new StoreRowCounts(before.Accounts + copied.Accounts, before.Secrets + copied.Secrets, before.SignIns + copied.SignIns);
        return new StoreCopyResult(Location, target.Location, copied, expected, found, unreadable);
    }

    private bool IsSameStore(AccountStore other) =>
        IsFile == other.IsFile && (IsFile
            ? string.Equals(Path.GetFullPath(_options.DatabasePath), Path.GetFullPath(other._options.DatabasePath), StringComparison.Ordinal)
            : string.Equals(Location, other.Location, StringComparison.OrdinalIgnoreCase));

    // Every row of the three tables, in one read transaction: a consistent state however many write meanwhile.
    private async Task<StoreRows> ReadEveryRowAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = await _engine.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var rows = new StoreRows([], [], []);
            using (var select = Command(connection, transaction, """
                SELECT id, account_type_id, plugin_id, plugin_version, schema_version, label, label_key, values_json,
                       status, status_detail, status_checked_at, created_at, updated_at, version, token_version
                FROM accounts ORDER BY id
                """))
            {
                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Accounts.Add(new AccountRow(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetStringOrNull(9),
                        reader.ReadTimeOrNull(10), reader.ReadTime(11), reader.ReadTime(12), reader.GetInt64(13), reader.GetInt64(14)));
                }
            }

            using (var select = Command(connection, transaction, "SELECT account_id, pointer, key_id, nonce, ciphertext, tag FROM account_secrets ORDER BY account_id, pointer"))
            {
                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Secrets.Add(new SecretRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3], (byte[])reader[4], (byte[])reader[5]));
                }
            }

            using (var select = Command(connection, transaction, "SELECT account_id, identity, signed_in_at, expires_at, token_type, properties_json FROM account_sign_ins ORDER BY account_id"))
            {
                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.SignIns.Add(new SignInRow(
                        reader.GetString(0), reader.GetStringOrNull(1), reader.ReadTime(2), reader.ReadTimeOrNull(3), reader.GetString(4), reader.GetString(5)));
                }
            }

            return rows;
        }
    }

    // One write turn on the target: the emptiness and clash checks, then every row; returns what the target held before.
    private StoreRowCounts WriteRows(DbConnection connection, DbTransaction transaction, StoreRows rows, bool intoNonEmpty)
    {
        var before = CountRows(connection, transaction);
        if (before.Accounts > 0)
        {
            if (!intoNonEmpty)
            {
                throw new AccountStoreException(
                    $"{Location} already holds {Plural(before.Accounts, "account")}; nothing was copied. " +
                    "Copy into an empty store, or add --into-non-empty to add the accounts to those.");
            }

            RefuseClashes(connection, transaction, rows.Accounts);
        }

        foreach (var account in rows.Accounts)
        {
            using var insert = Command(connection, transaction, """
                INSERT INTO accounts (id, account_type_id, plugin_id, plugin_version, schema_version, label, label_key, values_json,
                                      status, status_detail, status_checked_at, created_at, updated_at, version, token_version)
                VALUES (@id, @type, @plugin, @pluginVersion, @schemaVersion, @label, @key, @values,
                        @status, @detail, @checkedAt, @createdAt, @updatedAt, @version, @tokenVersion)
                """);
            insert.With("@id", account.Id);
            insert.With("@type", account.AccountTypeId);
            insert.With("@plugin", account.PluginId);
            insert.With("@pluginVersion", account.PluginVersion);
            insert.With("@schemaVersion", account.SchemaVersion);
            insert.With("@label", account.Label);
            insert.With("@key", account.LabelKey);
            insert.With("@values", account.ValuesJson);
            insert.With("@status", account.Status);
            insert.With("@detail", account.StatusDetail);
            insert.With("@checkedAt", account.StatusCheckedAt is { } checkedAt ? _engine.Time(checkedAt) : null, DbType.DateTimeOffset);
            insert.With("@createdAt", _engine.Time(account.CreatedAt));
            insert.With("@updatedAt", _engine.Time(account.UpdatedAt));
            insert.With("@version", account.Version);
            insert.With("@tokenVersion", account.TokenVersion);
            insert.ExecuteNonQuery();
        }

        foreach (var secret in rows.Secrets)
        {
            using var insert = Command(connection, transaction, """
                INSERT INTO account_secrets (account_id, pointer, key_id, nonce, ciphertext, tag)
                VALUES (@account, @pointer, @key, @nonce, @ciphertext, @tag)
                """);
            insert.With("@account", secret.AccountId);
            insert.With("@pointer", secret.Pointer);
            insert.With("@key", secret.KeyId);
            insert.With("@nonce", secret.Nonce);
            insert.With("@ciphertext", secret.Ciphertext);
            insert.With("@tag", secret.Tag);
            insert.ExecuteNonQuery();
        }

        foreach (var signIn in rows.SignIns)
        {
            using var insert = Command(connection, transaction, """
                INSERT INTO account_sign_ins (account_id, identity, signed_in_at, expires_at, token_type, properties_json)
                VALUES (@account, @identity, @signedInAt, @expiresAt, @tokenType, @properties)
                """);
            insert.With("@account", signIn.AccountId);
            insert.With("@identity", signIn.Identity);
            insert.With("@signedInAt", _engine.Time(signIn.SignedInAt));
            insert.With("@expiresAt", signIn.ExpiresAt is { } expires ? _engine.Time(expires) : null, DbType.DateTimeOffset);
            insert.With("@tokenType", signIn.TokenType);
            insert.With("@properties", signIn.PropertiesJson);
            insert.ExecuteNonQuery();
        }

        return before;
    }

    // An account already in the target (same id), or a label its connector already has there, refuses the whole copy.
    private void RefuseClashes(DbConnection connection, DbTransaction transaction, IReadOnlyList<AccountRow> accounts)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<(string Plugin, string Key)>();
        using (var select = Command(connection, transaction, "SELECT id, plugin_id, label_key FROM accounts"))
        {
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
                labels.Add((reader.GetString(1), reader.GetString(2)));
            }
        }

        var clashes = new List<string>();
        foreach (var account in accounts)
        {
            if (ids.Contains(account.Id))
            {
                clashes.Add($"account {account.Id} (\"{account.Label}\" of {account.PluginId}) is already there");
            }
            else if (labels.Contains((account.PluginId, account.LabelKey)))
            {
                clashes.Add($"{account.PluginId} already has an account labelled \"{account.Label}\" there");
            }
        }

        if (clashes.Count > 0)
        {
            var named = string.Join("; ", clashes.Take(ClashesNamed));
            var more = clashes.Count > ClashesNamed ? string.Create(CultureInfo.InvariantCulture, $" (and {clashes.Count - ClashesNamed} more)") : "";
            throw new AccountStoreException(
                $"The accounts cannot be added to {Location}: {named}{more}. Nothing was copied; rename or remove those accounts in one of the stores first.");
        }
    }

    // What the store holds after the copy: its row counts, and the accounts with a secret its keys do not decrypt.
    private async Task<(StoreRowCounts Found, IReadOnlyList<UnreadableAccount> Unreadable)> VerifyAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = await _engine.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var found = CountRows(connection, transaction);
            var unreadable = new List<UnreadableAccount>();
            using var select = Command(connection, transaction, """
                SELECT s.account_id, a.plugin_id, a.label, s.pointer, s.key_id, s.nonce, s.ciphertext, s.tag
                FROM account_secrets s JOIN accounts a ON a.id = s.account_id
                ORDER BY a.plugin_id, a.label_key, s.account_id, s.pointer
                """);
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            KeySnapshot? keys = null;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var accountId = reader.GetString(0);
                if (unreadable.Count > 0 && unreadable[^1].Id == accountId)
                {
                    continue; // Named once, for its first secret that does not decrypt.
                }

                keys ??= _keys.Load();
                var pointer = reader.GetString(3);
                var keyId = reader.GetString(4);
                var keyMissing = !keys.All.TryGetValue(keyId, out var key);
                if (keyMissing || SecretCipher.Decrypt(key!, accountId, pointer, (byte[])reader[5], (byte[])reader[6], (byte[])reader[7]) is null)
                {
                    LogSecretsUnavailable(_logger, accountId, keyId);
                    unreadable.Add(new UnreadableAccount(accountId, reader.GetString(1), reader.GetString(2), keyId, keyMissing));
                }
            }

            return (found, unreadable);
        }
    }

    private static StoreRowCounts CountRows(DbConnection connection, DbTransaction transaction)
    {
        using var count = Command(connection, transaction,
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM account_secrets), (SELECT count(*) FROM account_sign_ins)");
        using var reader = count.ExecuteReader();
        reader.Read();
        return new StoreRowCounts(
            Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private sealed record StoreRows(List<AccountRow> Accounts, List<SecretRow> Secrets, List<SignInRow> SignIns);

    private sealed record AccountRow(
        string Id, string AccountTypeId, string PluginId, string PluginVersion, string SchemaVersion, string Label, string LabelKey, string ValuesJson,
        string Status, string? StatusDetail, DateTimeOffset? StatusCheckedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, long TokenVersion);

    private sealed record SecretRow(string AccountId, string Pointer, string KeyId, byte[] Nonce, byte[] Ciphertext, byte[] Tag);

    private sealed record SignInRow(string AccountId, string? Identity, DateTimeOffset SignedInAt, DateTimeOffset? ExpiresAt, string TokenType, string PropertiesJson);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Accounts} accounts from {Source} to {Target}")]
    private static partial void LogCopied(ILogger logger, int accounts, string source, string target);
}
