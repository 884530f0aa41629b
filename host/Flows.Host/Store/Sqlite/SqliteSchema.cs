using Flows.Host.Accounts;
using Microsoft.Data.Sqlite;

namespace Flows.Host.Store.Sqlite;

/// <summary>
/// The account store's schema in SQLite, as ordered migration steps. <c>PRAGMA user_version</c> is the number of
/// steps applied; each step runs in the same transaction as the version bump. Append steps, never
/// edit one that has shipped.
/// </summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: accounts, and their secrets (encrypted, one row per secret value).
        """
        CREATE TABLE accounts (
            id                TEXT NOT NULL PRIMARY KEY,
            account_type_id   TEXT NOT NULL,
            plugin_id         TEXT NOT NULL,
            plugin_version    TEXT NOT NULL,
            schema_version    TEXT NOT NULL,
            label             TEXT NOT NULL,
            label_key         TEXT NOT NULL,
            values_json       TEXT NOT NULL,
            status            TEXT NOT NULL,
            status_detail     TEXT,
            status_checked_at TEXT,
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX accounts_label ON accounts (plugin_id, label_key);
        CREATE INDEX accounts_type ON accounts (account_type_id);
        CREATE TABLE account_secrets (
            account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            pointer    TEXT NOT NULL,
            key_id     TEXT NOT NULL,
            nonce      BLOB NOT NULL,
            ciphertext BLOB NOT NULL,
            tag        BLOB NOT NULL,
            PRIMARY KEY (account_id, pointer)
        ) STRICT;
        CREATE INDEX account_secrets_key ON account_secrets (key_id);
        """,

        // 2: a version per account, so an edit never overwrites a newer one or re-creates a deleted one.
        """
        ALTER TABLE accounts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        """,

        // 3: OAuth sign-ins. The tokens are rows of account_secrets under names that are not JSON
        // Pointers; what may be shown is here in clear. token_version counts the writes of an
        // account's tokens and never goes back, so a compare-and-swap from before a sign-out or a
        // new sign-in cannot match after it.
        """
        ALTER TABLE accounts ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE account_sign_ins (
            account_id      TEXT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
            identity        TEXT,
            signed_in_at    TEXT NOT NULL,
            expires_at      TEXT,
            token_type      TEXT NOT NULL,
            properties_json TEXT NOT NULL
        ) STRICT;
        """,

        // 4: pages of the account list in label order, of all accounts or of one account type.
        """
        CREATE INDEX accounts_page ON accounts (label_key, id);
        CREATE INDEX accounts_type_page ON accounts (account_type_id, label_key, id);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>; returns the version it found.</summary>
    public static async Task<int> MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        using (var wal = connection.CreateCommand())
        {
            // Persistent once set; needs no transaction around it.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var found = await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (found > CurrentVersion)
        {
            throw new AccountStoreVersionException(path, found, CurrentVersion);
        }

        if (found == CurrentVersion)
        {
            return found;
        }

        // BEGIN IMMEDIATE: a second process migrating at the same time waits, then sees the new version.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new AccountStoreVersionException(path, version, CurrentVersion);
        }

        for (; version < CurrentVersion; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (version + 1 == LabelKeysNormalised)
            {
                await RekeyLabelsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    // Before this version the label keys of processes without ICU were not normalised (NFKC was a no-op).
    private const int LabelKeysNormalised = 2;

    // Gives every label its real key. Two stored labels that turn out to be the same keep their old
    // keys (the unique index allows nothing else); renaming one of them resolves it.
    private static async Task RekeyLabelsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, string Label, string Key)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, label, label_key FROM accounts";
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (id, label, key) in rows)
        {
            var normalised = AccountLabels.Key(label);
            if (normalised == key)
            {
                continue;
            }

            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE accounts SET label_key = $key
                WHERE id = $id AND NOT EXISTS (SELECT 1 FROM accounts other WHERE other.plugin_id = accounts.plugin_id AND other.label_key = $key)
                """;
            update.Parameters.AddWithValue("$key", normalised);
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
