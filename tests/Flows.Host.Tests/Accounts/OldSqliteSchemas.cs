namespace Flows.Host.Tests.Accounts;

/// <summary>Schemas the SQLite store had in earlier versions, for tests that migrate a database made then.</summary>
internal static class OldSqliteSchemas
{
    /// <summary>The tables and indexes of migration step 1 (no account versions, no sign-ins); user_version is left to the test.</summary>
    public const string Step1 = """
        CREATE TABLE accounts (
            id TEXT NOT NULL PRIMARY KEY, account_type_id TEXT NOT NULL, plugin_id TEXT NOT NULL, plugin_version TEXT NOT NULL,
            schema_version TEXT NOT NULL, label TEXT NOT NULL, label_key TEXT NOT NULL, values_json TEXT NOT NULL,
            status TEXT NOT NULL, status_detail TEXT, status_checked_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX accounts_label ON accounts (plugin_id, label_key);
        CREATE INDEX accounts_type ON accounts (account_type_id);
        CREATE TABLE account_secrets (
            account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE, pointer TEXT NOT NULL, key_id TEXT NOT NULL,
            nonce BLOB NOT NULL, ciphertext BLOB NOT NULL, tag BLOB NOT NULL, PRIMARY KEY (account_id, pointer)
        ) STRICT;
        CREATE INDEX account_secrets_key ON account_secrets (key_id);

        """;
}
