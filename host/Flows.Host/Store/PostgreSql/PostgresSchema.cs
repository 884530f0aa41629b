using Flows.Host.Accounts;
using Npgsql;

namespace Flows.Host.Store.PostgreSql;

/// <summary>
/// The account store's schema in PostgreSQL, as ordered migration steps; <c>flows_schema.version</c>
/// is the number applied. Every node runs the steps at start under one advisory lock, in one
/// transaction with the version bump, so however many nodes start together each step runs once; a
/// database a newer Flows migrated is refused. Append steps, never edit one that has shipped.
/// </summary>
internal static class PostgresSchema
{
    // pg_advisory_xact_lock's key for schema changes ("flows" in ASCII).
    private const long MigrationLock = 0x666c6f7773;

    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: accounts, their secrets (encrypted, one row per secret value or token) and their sign-ins,
        // with what the SQLite store reached in three steps.
        """
        CREATE TABLE accounts (
            id                text NOT NULL PRIMARY KEY,
            account_type_id   text NOT NULL,
            plugin_id         text NOT NULL,
            plugin_version    text NOT NULL,
            schema_version    text NOT NULL,
            label             text NOT NULL,
            label_key         text NOT NULL,
            values_json       text NOT NULL,
            status            text NOT NULL,
            status_detail     text,
            status_checked_at timestamptz,
            created_at        timestamptz NOT NULL,
            updated_at        timestamptz NOT NULL,
            version           bigint NOT NULL DEFAULT 1,
            token_version     bigint NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX accounts_label ON accounts (plugin_id, label_key);
        CREATE INDEX accounts_type ON accounts (account_type_id);
        CREATE TABLE account_secrets (
            account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            pointer    text NOT NULL,
            key_id     text NOT NULL,
            nonce      bytea NOT NULL,
            ciphertext bytea NOT NULL,
            tag        bytea NOT NULL,
            PRIMARY KEY (account_id, pointer)
        );
        CREATE INDEX account_secrets_key ON account_secrets (key_id);
        CREATE TABLE account_sign_ins (
            account_id      text NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
            identity        text,
            signed_in_at    timestamptz NOT NULL,
            expires_at      timestamptz,
            token_type      text NOT NULL,
            properties_json text NOT NULL
        );
        """,

        // 2: what the nodes of one store share besides accounts: data protection keys, plugin state,
        // each node's plugins (kind + name, a text body). A change is announced on the channel
        // flows_changes as "kind name".
        """
        CREATE TABLE shared_documents (
            kind       text NOT NULL,
            name       text NOT NULL,
            body       text NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (kind, name)
        );
        """,

        // 3: pages of the account list in label order, of all accounts or of one account type.
        """
        CREATE INDEX accounts_page ON accounts (label_key, id);
        CREATE INDEX accounts_type_page ON accounts (account_type_id, label_key, id);
        """,

        // 4: browser sign-ins under way and their outcomes, handed from one node to another: single
        // use, by hashes of their key and of the browser's binding, the body sealed under the accounts' key.
        """
        CREATE TABLE sign_in_handovers (
            kind         text NOT NULL,
            key_hash     bytea NOT NULL,
            binding_hash bytea NOT NULL,
            body         bytea NOT NULL,
            expires_at   timestamptz NOT NULL,
            PRIMARY KEY (kind, key_hash)
        );
        CREATE INDEX sign_in_handovers_expiry ON sign_in_handovers (expires_at);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>; returns the version it found.</summary>
    /// <exception cref="AccountStoreVersionException">A newer Flows migrated the database; nothing was changed.</exception>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, string location, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS flows_schema (version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
        int found;
        await using (var read = new NpgsqlCommand("SELECT version FROM flows_schema", connection, transaction))
        {
            var stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO flows_schema (version) VALUES (0)", cancellationToken).ConfigureAwait(false);
            }

            found = stored is int version ? version : 0;
        }

        if (found > CurrentVersion)
        {
            throw new AccountStoreVersionException(location, found, CurrentVersion);
        }

        for (var step = found; step < CurrentVersion; step++)
        {
            await ExecuteAsync(connection, transaction, Migrations[step], cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"UPDATE flows_schema SET version = {CurrentVersion}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
