using System.Data.Common;
using Flows.Host.Store;

namespace Flows.Host.Accounts;

/// <summary>Key rotation: every secret encrypted again under a fresh key, online and in batches, and the keys no secret uses removed.</summary>
public sealed partial class AccountStore
{
    // Secrets re-encrypted per write transaction: saves go on between batches.
    private const int RotationBatch = 500;

    /// <summary>
    /// Puts a fresh key in the key file (unless the key comes from the settings) and re-encrypts every
    /// secret under the current key, a batch per transaction while saves go on; then deletes the
    /// retired key files no secret uses any more. Secrets whose key is missing stay as they are and
    /// are counted.
    /// </summary>
    public async Task<KeyRotationResult> RotateKeyAsync(CancellationToken cancellationToken = default)
    {
        // With no write between its key and its commit, every secret written from here on is under the new key.
        var currentId = await WriteAsync(
            (connection, transaction) =>
            {
                _engine.LockKeys(connection, transaction, exclusive: true);
                _keys.RotateKeyFile();
                return _keys.LoadForWriting().Current!.Id;
            },
            cancellationToken).ConfigureAwait(false);

        int reencrypted = 0, unreadable = 0;
        (string AccountId, string Pointer)? after = null;
        while (true)
        {
            var batch = await WriteAsync((connection, transaction) => ReencryptBatch(connection, transaction, after), cancellationToken).ConfigureAwait(false);
            reencrypted += batch.Reencrypted;
            unreadable += batch.Unreadable;
            if (batch.Last is null)
            {
                break;
            }

            after = batch.Last;
        }

        var inUse = await WriteAsync(
            (connection, transaction) =>
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                using var used = Command(connection, transaction, "SELECT DISTINCT key_id FROM account_secrets");
                using var reader = used.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken).ConfigureAwait(false);
        var removed = _keys.RemoveRetiredKeys(inUse);
        return new KeyRotationResult(currentId, reencrypted, unreadable, removed);
    }

    // Up to one batch of the secrets not under the current key, after the last one seen (those left
    // under a missing key are skipped, not read again); Last is null when there were none.
    private (int Reencrypted, int Unreadable, (string AccountId, string Pointer)? Last) ReencryptBatch(
        DbConnection connection, DbTransaction transaction, (string AccountId, string Pointer)? after)
    {
        var current = KeyForWriting(connection, transaction);
        var keys = _keys.LoadForWriting();
        var stale = new List<(string AccountId, string Pointer, string KeyId, byte[] Nonce, byte[] Ciphertext, byte[] Tag)>();
        using (var select = Command(connection, transaction, """
            SELECT account_id, pointer, key_id, nonce, ciphertext, tag FROM account_secrets
            WHERE key_id <> @current AND (@after IS NULL OR account_id > @after OR (account_id = @after AND pointer > @pointer))
            ORDER BY account_id, pointer LIMIT @batch
            """))
        {
            select.With("@current", current.Id);
            select.With("@after", after?.AccountId);
            select.With("@pointer", after?.Pointer ?? "");
            select.With("@batch", RotationBatch);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                stale.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3], (byte[])reader[4], (byte[])reader[5]));
            }
        }

        int reencrypted = 0, unreadable = 0;
        foreach (var secret in stale)
        {
            var text = keys.All.TryGetValue(secret.KeyId, out var old)
                ? SecretCipher.Decrypt(old, secret.AccountId, secret.Pointer, secret.Nonce, secret.Ciphertext, secret.Tag)
                : null;
            if (text is null)
            {
                unreadable++;
                LogSecretsUnavailable(_logger, secret.AccountId, secret.KeyId);
                continue;
            }

            // Only if it is still the secret read: a save meanwhile wrote a new one, already under the current key.
            if (ReplaceSecret(connection, transaction, secret.AccountId, secret.Pointer, secret.Nonce, current, text))
            {
                reencrypted++;
            }
        }

        return (reencrypted, unreadable, stale.Count == 0 ? null : (stale[^1].AccountId, stale[^1].Pointer));
    }

    private static bool ReplaceSecret(
        DbConnection connection, DbTransaction transaction, string accountId, string pointer, byte[] readNonce, SecretKey key, string text)
    {
        var (nonce, ciphertext, tag) = SecretCipher.Encrypt(key, accountId, pointer, text);
        using var update = Command(connection, transaction, """
            UPDATE account_secrets SET key_id = @key, nonce = @nonce, ciphertext = @ciphertext, tag = @tag
            WHERE account_id = @account AND pointer = @pointer AND nonce = @readNonce
            """);
        update.With("@key", key.Id).With("@nonce", nonce).With("@ciphertext", ciphertext).With("@tag", tag)
            .With("@account", accountId).With("@pointer", pointer).With("@readNonce", readNonce);
        return update.ExecuteNonQuery() == 1;
    }

    // The key new secrets are encrypted under, read inside the write transaction (after the engine's
    // shared key lock), so a rotation running meanwhile is never missed.
    private SecretKey KeyForWriting(DbConnection connection, DbTransaction transaction)
    {
        _engine.LockKeys(connection, transaction, exclusive: false);
        return _keys.LoadForWriting().Current!;
    }
}

/// <summary>What a key rotation did.</summary>
/// <param name="KeyId">The key every readable secret is now encrypted under.</param>
/// <param name="Reencrypted">Secrets moved to that key.</param>
/// <param name="Unreadable">Secrets left as they were because their key is missing or wrong.</param>
/// <param name="RemovedKeyIds">Retired key files deleted because no secret uses them any more.</param>
public sealed record KeyRotationResult(string KeyId, int Reencrypted, int Unreadable, IReadOnlyList<string> RemovedKeyIds);
