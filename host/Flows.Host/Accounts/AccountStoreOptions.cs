using Flows.Host.Hosting;
using Flows.Host.Store;
using Microsoft.Extensions.Configuration;

namespace Flows.Host.Accounts;

/// <summary>
/// Where the account store keeps its database and its secret key.
/// </summary>
/// <remarks>
/// Key policy. The key that encrypts new secrets (the current key) is, in order:
/// <see cref="SecretKey"/> (from <c>$FLOWS_SECRET_KEY</c>, base64 of 32 bytes) if set, else the key
/// file <c>accounts.key</c> in <see cref="KeyDirectory"/>, created (owner read/write only, in a
/// directory only the owner may enter) the first time a secret is encrypted. Every ciphertext is
/// stored with the id of its key (the first 8 bytes of the key's SHA-256, in hex), so secrets stay
/// readable under any key the store still has: the current key, <see cref="PreviousSecretKeys"/>
/// (<c>$FLOWS_SECRET_KEY_PREVIOUS</c>, comma separated), the key file when an environment key
/// overrides it, and retired key files <c>accounts.key.&lt;id&gt;.old</c>.
/// <see cref="AccountStore.RotateKeyAsync"/> retires the current key file to
/// <c>accounts.key.&lt;id&gt;.old</c>, puts a fresh key in <c>accounts.key</c>, re-encrypts every
/// secret under it in one transaction, and then deletes each retired key file that no stored secret
/// uses any more. A crash at any point leaves every secret readable (the old key file is removed
/// only after the re-encryption committed); running the rotation again completes it.
/// With an environment key, rotation cannot write the key: the operator sets the new key in
/// <c>$FLOWS_SECRET_KEY</c> and the old one in <c>$FLOWS_SECRET_KEY_PREVIOUS</c>, and the
/// rotation re-encrypts everything under the new key.
/// </remarks>
public sealed class AccountStoreOptions
{
    /// <summary>The environment variable holding the current key (base64, 32 bytes).</summary>
    public const string SecretKeyVariable = "FLOWS_SECRET_KEY";

    /// <summary>The environment variable holding earlier keys, still accepted for decryption (comma separated).</summary>
    public const string PreviousSecretKeysVariable = "FLOWS_SECRET_KEY_PREVIOUS";

    /// <summary>The environment variable naming the store: a PostgreSQL address or a SQLite file.</summary>
    public const string StoreVariable = "FLOWS_STORE";

    /// <summary>The SQLite database file; by default <c>accounts.db</c> in the data directory. Unused when <see cref="Store"/> is set.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// The PostgreSQL database several nodes share, as a URL (<c>postgres://user:password@host:5432/flows</c>)
    /// or Npgsql keywords; null for the SQLite file <see cref="DatabasePath"/>.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>Where the key files live; by default <c>keys/</c> in the data directory.</summary>
    public required string KeyDirectory { get; init; }

    /// <summary>The current key, base64 of 32 bytes; overrides the key file when set.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Earlier keys (base64), accepted for decryption only.</summary>
    public IReadOnlyList<string> PreviousSecretKeys { get; init; } = [];

    /// <summary>
    /// The most writes waiting together that share one SQLite commit (each in a savepoint of its own);
    /// 1 commits every write alone.
    /// </summary>
    public int MaxWritesPerCommit { get; init; } = WriteQueue.MaxGroup;

    /// <summary>How long a write waits for another writer (another process) before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The defaults for a host: files in its data directory, keys from its settings if set.</summary>
    public static AccountStoreOptions For(FlowsHostOptions host, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var key = configuration?[FlowsConfiguration.SecretKeyKey];
        var previous = configuration?[FlowsConfiguration.PreviousSecretKeysKey];
        var store = configuration?[FlowsConfiguration.StoreKey]?.Trim();
        var isServer = !string.IsNullOrEmpty(store) && Flows.Host.Store.PostgreSql.PostgresConnectionStrings.IsPostgres(store);
        return new AccountStoreOptions
        {
            DatabasePath = string.IsNullOrEmpty(store) || isServer ? Path.Combine(host.HomeDirectory, "accounts.db") : Path.GetFullPath(store!),
            Store = isServer ? store : null,
            KeyDirectory = Path.Combine(host.HomeDirectory, "keys"),
            SecretKey = string.IsNullOrWhiteSpace(key) ? null : key.Trim(),
            PreviousSecretKeys = string.IsNullOrWhiteSpace(previous)
                ? []
                : previous.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }
}
