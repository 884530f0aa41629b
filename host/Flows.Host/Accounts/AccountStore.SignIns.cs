using System.Text.Json.Nodes;
using Flows.Host.OAuth;
using System.Data;
using System.Data.Common;
using Flows.Host.Store;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Accounts;

/// <summary>
/// The OAuth tokens an account keeps. Tokens are secrets like the form's: rows of <c>account_secrets</c>
/// (AES-256-GCM, bound to the account and the token's name), under names no JSON Pointer can have, so
/// key rotation and backups re-encrypt and verify them with every other secret. Who signed in, when,
/// the access token's expiry and the provider's other answers are in <c>account_sign_ins</c>, in clear.
/// </summary>
public sealed partial class AccountStore
{
    // A JSON Pointer is empty or starts with '/': no field of a form can ever have these names.
    private const string AccessTokenName = "oauth:access_token";
    private const string RefreshTokenName = "oauth:refresh_token";

    // The secrets that are form values (what GetValues restores and a save rewrites), not tokens.
    private const string IsFieldSecret = "substr(pointer, 1, 1) = '/'";

    // Names a token has in a provider's answer: such a property is refused rather than stored in clear.
    private static readonly string[] TokenPropertyNames = ["access_token", "refresh_token", "id_token"];

    /// <summary>
    /// The account's tokens, decrypted, with the version to hand to <see cref="ReplaceTokensAsync"/>;
    /// null when the account keeps none or does not exist.
    /// </summary>
    /// <exception cref="AccountTokensUnavailableException">The tokens cannot be decrypted (missing or wrong key, changed data).</exception>
    public Task<StoredSignIn?> GetSignInAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return Guid.TryParse(accountId, out _)
            ? Guarded(ReadSignInAsync(NormaliseId(accountId)!, cancellationToken))
            : Task.FromResult<StoredSignIn?>(null);
    }

    /// <summary>
    /// Stores <paramref name="tokens"/> in place of the account's tokens if they are still at
    /// <paramref name="expectedTokenVersion"/> (<see cref="StoredSignIn.TokenVersion"/> as read, or 0
    /// when the account had none): of many callers refreshing from the same version, exactly one
    /// stores its tokens (a rotated refresh token is kept once, never overwritten by a stale one).
    /// The set is stored as given: a refresh that did not rotate the refresh token carries the old one
    /// over. The account's <see cref="Account.Version"/> stays: a refresh is not an edit.
    /// </summary>
    /// <returns>False when another writer stored or cleared the tokens first, or the account is gone; nothing was changed.</returns>
    public async Task<bool> ReplaceTokensAsync(string accountId, long expectedTokenVersion, OAuthTokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        CheckTokens(tokens);
        var id = NormaliseId(accountId)!;
        var replaced = await WriteAsync(
                (connection, transaction) =>
                {
                    _engine.LockAccount(connection, transaction, id);
                    using (var current = Command(connection, transaction, """
                        SELECT a.token_version, g.account_id IS NOT NULL FROM accounts a LEFT JOIN account_sign_ins g ON g.account_id = a.id WHERE a.id = @id
                        """))
                    {
                        current.With("@id", id);
                        using var reader = current.ExecuteReader();
                        // A stored set is only ever replaced by a caller that read that very set; 0 stands for "none".
                        var matches = reader.Read() && (reader.GetBoolean(1) ? reader.GetInt64(0) == expectedTokenVersion : expectedTokenVersion == 0);
                        if (!matches)
                        {
                            return false;
                        }
                    }

                    WriteSignIn(connection, transaction, id, tokens);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);

        if (replaced)
        {
            LogTokensReplaced(_logger, id);
        }

        return replaced;
    }

    /// <summary>Removes the account's tokens (a sign-out, or a refresh the provider refused); the account and its values stay.</summary>
    /// <returns>False when the account kept no tokens or does not exist.</returns>
    public async Task<bool> ClearTokensAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var id = NormaliseId(accountId)!;
        var cleared = await WriteAsync(
                (connection, transaction) =>
                {
                    var had = DeleteSignIn(connection, transaction, id);
                    if (had)
                    {
                        BumpTokenVersion(connection, transaction, id);
                    }

                    return had;
                },
                cancellationToken).ConfigureAwait(false);

        if (cleared)
        {
            LogTokensCleared(_logger, id);
        }

        return cleared;
    }

    private async Task<StoredSignIn?> ReadSignInAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // One read transaction: the clear part, the tokens and their version are of the same write.
                using var transaction = await _engine.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
                string label, tokenType, propertiesJson;
                string? identity;
                DateTimeOffset signedInAt;
                DateTimeOffset? expiresAt;
                long tokenVersion;
                using (var select = Command(connection, transaction, """
                    SELECT a.label, a.token_version, g.identity, g.signed_in_at, g.expires_at, g.token_type, g.properties_json
                    FROM accounts a JOIN account_sign_ins g ON g.account_id = a.id WHERE a.id = @id
                    """))
                {
                    select.With("@id", id);
                    using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    label = reader.GetString(0);
                    tokenVersion = reader.GetInt64(1);
                    identity = reader.IsDBNull(2) ? null : reader.GetString(2);
                    signedInAt = reader.ReadTime(3);
                    expiresAt = reader.ReadTimeOrNull(4);
                    tokenType = reader.GetString(5);
                    propertiesJson = reader.GetString(6);
                }

                string? accessToken = null, refreshToken = null, problem = null;
                var keyMissing = false;
                using (var select = Command(connection, transaction, """
                    SELECT pointer, key_id, nonce, ciphertext, tag FROM account_secrets WHERE account_id = @id AND pointer IN (@access, @refresh)
                    """))
                {
                    select.With("@id", id);
                    select.With("@access", AccessTokenName);
                    select.With("@refresh", RefreshTokenName);
                    using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    KeySnapshot? keys = null;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        keys ??= _keys.Load();
                        var name = reader.GetString(0);
                        var keyId = reader.GetString(1);
                        string? text = null;
                        if (!keys.All.TryGetValue(keyId, out var key))
                        {
                            keyMissing = true;
                            problem ??= MissingKeyProblem(keyId);
                        }
                        else if ((text = SecretCipher.Decrypt(key, id, name, (byte[])reader[2], (byte[])reader[3], (byte[])reader[4])) is null)
                        {
                            problem ??= $"The tokens could not be decrypted with key {keyId}: the key is wrong or the stored data was changed.";
                        }

                        if (text is null)
                        {
                            LogSecretsUnavailable(_logger, id, keyId);
                        }
                        else if (name == AccessTokenName)
                        {
                            accessToken = text;
                        }
                        else
                        {
                            refreshToken = text;
                        }
                    }
                }

                if (keyMissing && attempt == 0)
                {
                    continue; // A rotation may have finished between the read and the key lookup: look again.
                }

                if (problem is not null)
                {
                    throw new AccountTokensUnavailableException(id, label, problem);
                }

                var tokens = new OAuthTokenSet
                {
                    AccessToken = accessToken,
                    RefreshToken = refreshToken,
                    TokenType = tokenType,
                    ExpiresAt = expiresAt,
                    Properties = ParseProperties(propertiesJson),
                    Identity = identity,
                    SignedInAt = signedInAt,
                };
                return new StoredSignIn(tokens, tokenVersion);
            }
        }
    }

    // Puts the tokens in place of any the account had, in the caller's write transaction.
    private AccountSignInInfo WriteSignIn(DbConnection connection, DbTransaction transaction, string accountId, OAuthTokenSet tokens)
    {
        DeleteTokenSecrets(connection, transaction, accountId);
        using (var upsert = Command(connection, transaction, """
            INSERT INTO account_sign_ins (account_id, identity, signed_in_at, expires_at, token_type, properties_json)
            VALUES (@id, @identity, @signedInAt, @expiresAt, @tokenType, @properties)
            ON CONFLICT (account_id) DO UPDATE SET
                identity = excluded.identity, signed_in_at = excluded.signed_in_at, expires_at = excluded.expires_at,
                token_type = excluded.token_type, properties_json = excluded.properties_json
            """))
        {
            upsert.With("@id", accountId);
            upsert.With("@identity", tokens.Identity);
            upsert.With("@signedInAt", _engine.Time(tokens.SignedInAt));
            upsert.With("@expiresAt", tokens.ExpiresAt is { } expires ? _engine.Time(expires) : null, DbType.DateTimeOffset);
            upsert.With("@tokenType", tokens.TokenType);
            upsert.With("@properties", FormatProperties(tokens.Properties));
            upsert.ExecuteNonQuery();
        }

        if (tokens.AccessToken is not null || tokens.RefreshToken is not null)
        {
            // Keys are read inside the write transaction, so a concurrent rotation is never missed.
            var key = KeyForWriting(connection, transaction);
            if (tokens.AccessToken is { } access)
            {
                InsertSecret(connection, transaction, accountId, AccessTokenName, key, access);
            }

            if (tokens.RefreshToken is { } refresh)
            {
                InsertSecret(connection, transaction, accountId, RefreshTokenName, key, refresh);
            }
        }

        BumpTokenVersion(connection, transaction, accountId);
        return new AccountSignInInfo(tokens.Identity, tokens.SignedInAt, tokens.ExpiresAt);
    }

    // True when the account had a sign-in to remove.
    private static bool DeleteSignIn(DbConnection connection, DbTransaction transaction, string accountId)
    {
        DeleteTokenSecrets(connection, transaction, accountId);
        using var delete = Command(connection, transaction, "DELETE FROM account_sign_ins WHERE account_id = @id");
        delete.With("@id", accountId);
        return delete.ExecuteNonQuery() == 1;
    }

    private static void DeleteTokenSecrets(DbConnection connection, DbTransaction transaction, string accountId)
    {
        using var delete = Command(connection, transaction, "DELETE FROM account_secrets WHERE account_id = @id AND pointer IN (@access, @refresh)");
        delete.With("@id", accountId);
        delete.With("@access", AccessTokenName);
        delete.With("@refresh", RefreshTokenName);
        delete.ExecuteNonQuery();
    }

    private static void BumpTokenVersion(DbConnection connection, DbTransaction transaction, string accountId)
    {
        using var bump = Command(connection, transaction, "UPDATE accounts SET token_version = token_version + 1 WHERE id = @id");
        bump.With("@id", accountId);
        bump.ExecuteNonQuery();
    }

    private static AccountSignInInfo? ReadSignInInfo(DbConnection connection, DbTransaction transaction, string accountId)
    {
        using var select = Command(connection, transaction, "SELECT identity, signed_in_at, expires_at FROM account_sign_ins WHERE account_id = @id");
        select.With("@id", accountId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadSignInInfo(reader, 0) : null;
    }

    // The three columns identity, signed_in_at, expires_at from ordinal; null when signed_in_at is (no sign-in).
    private static AccountSignInInfo? ReadSignInInfo(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal + 1)
            ? null
            : new AccountSignInInfo(
                reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal),
                reader.ReadTime(ordinal + 1),
                reader.ReadTimeOrNull(ordinal + 2));

    // Refuses, before anything is written, a set that would put a token in clear.
    private static void CheckTokens(OAuthTokenSet tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokens.TokenType, nameof(tokens));
        ArgumentNullException.ThrowIfNull(tokens.Properties, nameof(tokens));
        foreach (var (name, value) in tokens.Properties)
        {
            if (TokenPropertyNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The token set's property '{name}' is a token; tokens are stored only as tokens, never in clear.", nameof(tokens));
            }

            if ((tokens.AccessToken is { Length: > 0 } access && value == access) || (tokens.RefreshToken is { Length: > 0 } refresh && value == refresh))
            {
                throw new ArgumentException($"The token set's property '{name}' holds one of its tokens; tokens are stored only as tokens, never in clear.", nameof(tokens));
            }
        }
    }

    private static string FormatProperties(IReadOnlyDictionary<string, string> properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[name] = value;
        }

        return json.ToJsonString();
    }

    private static Dictionary<string, string> ParseProperties(string json) =>
        JsonNode.Parse(json)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored new tokens of account {AccountId}")]
    private static partial void LogTokensReplaced(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the tokens of account {AccountId}")]
    private static partial void LogTokensCleared(ILogger logger, string accountId);
}
