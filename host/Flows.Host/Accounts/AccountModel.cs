using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flows.Forms;
using Flows.Host.OAuth;

namespace Flows.Host.Accounts;

/// <summary>What an account's last check said.</summary>
public enum AccountStatusKind
{
    /// <summary>Saved without running the connector's validator (Apply).</summary>
    NotValidated,

    /// <summary>The validator accepted the credentials; <see cref="AccountStatus.Detail"/> is the identity summary.</summary>
    Valid,

    /// <summary>The validator rejected the credentials; <see cref="AccountStatus.Detail"/> is why.</summary>
    Invalid,

    /// <summary>The validator could not check (network, timeout, plugin unavailable); <see cref="AccountStatus.Detail"/> is why.</summary>
    Unavailable,
}

/// <summary>An account's status badge: the kind, the identity summary or reason, and when it was checked.</summary>
public sealed record AccountStatus(AccountStatusKind Kind, string? Detail, DateTimeOffset? CheckedAt)
{
    public static AccountStatus NotValidated { get; } = new(AccountStatusKind.NotValidated, null, null);

    public static AccountStatus Valid(string identitySummary, DateTimeOffset checkedAt) => new(AccountStatusKind.Valid, identitySummary, checkedAt);

    public static AccountStatus Invalid(string reason, DateTimeOffset checkedAt) => new(AccountStatusKind.Invalid, reason, checkedAt);

    public static AccountStatus Unavailable(string reason, DateTimeOffset checkedAt) => new(AccountStatusKind.Unavailable, reason, checkedAt);
}

/// <summary>
/// An account as the caller wants it stored: the full values (secrets included, in plain text in
/// memory only). <see cref="Id"/> null means a new account; otherwise <see cref="Version"/> says
/// which version of that account the caller read, and nothing is saved if it has changed since.
/// </summary>
public sealed record AccountDraft
{
    public string? Id { get; init; }

    /// <summary>The version of the account the caller read (<see cref="Account.Version"/>); required with <see cref="Id"/>.</summary>
    public long? Version { get; init; }

    public required string AccountTypeId { get; init; }

    public required string PluginId { get; init; }

    public required string PluginVersion { get; init; }

    /// <summary>The hash of the schema text the values were made with (<see cref="AccountSchemaHash.Compute"/>).</summary>
    public required string SchemaVersion { get; init; }

    public required string Label { get; init; }

    public required JsonObject Values { get; init; }

    public AccountStatus Status { get; init; } = AccountStatus.NotValidated;

    /// <summary>
    /// Tokens a sign-in just gave the account, written with it in one transaction (replacing any it
    /// had). Null keeps the tokens an existing account has: an edit of its fields is not a sign-out.
    /// </summary>
    public OAuthTokenSet? SignIn { get; init; }

    /// <summary>
    /// An account deleted in the same transaction before this new one is saved (its version must still
    /// match): a new account, for instance an OAuth one, takes the place and the label of an old one.
    /// </summary>
    public AccountReplacement? Replaces { get; init; }
}

/// <summary>The account a new one replaces, as the caller read it.</summary>
public sealed record AccountReplacement(string AccountId, long Version);

/// <summary>A stored account, as read back.</summary>
public sealed class Account
{
    private readonly JsonObject? _values;

    internal Account(
        AccountSummary summary, long version, string pluginVersion, string schemaVersion, DateTimeOffset createdAt,
        JsonObject nonSecretValues, IReadOnlyList<string> secretPointers, JsonObject? values, string? secretsProblem)
    {
        SignIn = summary.SignIn;
        Id = summary.Id;
        Version = version;
        AccountTypeId = summary.AccountTypeId;
        PluginId = summary.PluginId;
        Label = summary.Label;
        Status = summary.Status;
        UpdatedAt = summary.UpdatedAt;
        PluginVersion = pluginVersion;
        SchemaVersion = schemaVersion;
        CreatedAt = createdAt;
        NonSecretValues = nonSecretValues;
        SecretPointers = secretPointers;
        SecretsProblem = secretsProblem;
        _values = values;
    }

    public string Id { get; }

    /// <summary>1 when created, one more at every save: an edit states the version it read, so it never overwrites a newer one.</summary>
    public long Version { get; }

    public string AccountTypeId { get; }

    public string PluginId { get; }

    public string PluginVersion { get; }

    public string SchemaVersion { get; }

    public string Label { get; }

    public AccountStatus Status { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; }

    /// <summary>The values without any secret (safe to show, print or serialise).</summary>
    public JsonObject NonSecretValues { get; }

    /// <summary>The JSON pointers of the secrets that are set (for "set" / "not set" displays).</summary>
    public IReadOnlyList<string> SecretPointers { get; }

    /// <summary>Why the secrets cannot be read (missing or wrong key, tampering); null when they can.</summary>
    public string? SecretsProblem { get; }

    public bool SecretsAvailable => SecretsProblem is null;

    /// <summary>Who signed in and when, for an account that keeps OAuth tokens; null when it keeps none.</summary>
    public AccountSignInInfo? SignIn { get; }

    /// <summary>
    /// The full values, secrets decrypted. Throws <see cref="AccountSecretsUnavailableException"/>
    /// rather than ever returning a value with a secret missing.
    /// </summary>
    public JsonObject GetValues() =>
        _values is not null && SecretsProblem is null
            ? (JsonObject)_values.DeepClone()
            : throw new AccountSecretsUnavailableException(Id, Label, SecretsProblem ?? "The secrets are not available.");

    public AccountSummary ToSummary() => new(Id, AccountTypeId, PluginId, Label, Status, UpdatedAt, SecretsProblem, SignIn);
}

/// <summary>One line of the account dropdown. Listing never decrypts anything.</summary>
/// <param name="SecretsProblem">Set when a secret is encrypted under a key this store does not have.</param>
/// <param name="SignIn">Who signed in and when, for an account that keeps OAuth tokens (never a token).</param>
public sealed record AccountSummary(
    string Id, string AccountTypeId, string PluginId, string Label, AccountStatus Status, DateTimeOffset UpdatedAt, string? SecretsProblem,
    AccountSignInInfo? SignIn = null);

/// <summary>Helpers that connect the store to the forms without making it depend on plugins.</summary>
public static class AccountSchemaHash
{
    /// <summary>The schema version recorded with an account: <c>sha256:</c> and the hex hash of the schema text.</summary>
    public static string Compute(string schemaText)
    {
        ArgumentNullException.ThrowIfNull(schemaText);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schemaText)));
    }

    /// <summary>The instance paths of a form's secret fields, as the store's secret pointers.</summary>
    public static IReadOnlyList<string> SecretPointers(FormModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.AllFields().Where(f => f.Secret).Select(f => f.InstancePath).Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>Something the account store refuses or cannot do, said in words for the user.</summary>
public class AccountStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The label is taken by another account of the same connector plugin.</summary>
public sealed class DuplicateAccountLabelException(string label, string pluginId, string existingAccountId, string existingLabel)
    : AccountStoreException($"An account named '{existingLabel}' already exists for {pluginId} (id {existingAccountId}).")
{
    public string Label { get; } = label;

    public string PluginId { get; } = pluginId;

    public string ExistingAccountId { get; } = existingAccountId;

    public string ExistingLabel { get; } = existingLabel;
}

/// <summary>An edit of an account that no longer exists (deleted meanwhile): nothing was saved, and the account was not re-created.</summary>
public sealed class AccountNotFoundException(string accountId)
    : AccountStoreException($"The account {accountId} was deleted, so the changes were not saved (and the account was not re-created).")
{
    public string AccountId { get; } = accountId;
}

/// <summary>An edit made from an older version of the account than the stored one: nothing was saved.</summary>
public sealed class AccountChangedException(string accountId, long expectedVersion, long currentVersion)
    : AccountStoreException(
        $"The account {accountId} was changed since it was read (version {expectedVersion} was read, {currentVersion} is stored), so nothing was saved. " +
        "Read it again and make the change on the current version.")
{
    public string AccountId { get; } = accountId;

    public long ExpectedVersion { get; } = expectedVersion;

    public long CurrentVersion { get; } = currentVersion;
}

/// <summary>The database was written by a newer Flows than this one.</summary>
public sealed class AccountStoreVersionException(string path, int found, int supported)
    : AccountStoreUnavailableException(
        AccountStoreFault.NewerSchema,
        $"The account store {path} has schema version {found}, but this version of Flows understands up to {supported}. " +
        "It was written by a newer Flows; upgrade Flows to use it (the file was not changed).")
{
    public int FoundVersion { get; } = found;

    public int SupportedVersion { get; } = supported;
}

/// <summary>An account's secrets cannot be decrypted; no value is ever returned with a secret missing.</summary>
public sealed class AccountSecretsUnavailableException(string accountId, string label, string reason)
    : AccountStoreException($"The secrets of account '{label}' (id {accountId}) are not available: {reason}")
{
    public string AccountId { get; } = accountId;

    public string Reason { get; } = reason;
}
