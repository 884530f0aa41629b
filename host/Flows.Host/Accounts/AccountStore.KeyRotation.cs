using Microsoft.Data.Sqlite;

namespace Flows.Host.Accounts;

/// <summary>Key rotation: every secret encrypted again under a fresh key, and the keys no secret uses removed.</summary>
public sealed partial class AccountStore
{
    /// <summary>
    /// Puts a fresh key in the key file (unless the key comes from the environment) and re-encrypts
    /// every secret under the current key in one transaction; then deletes the retired key files no
    /// secret uses any more. Secrets whose key is missing stay as they are and are counted.
    /// </summary>
    public async Task<KeyRotationResult> RotateKeyAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await _writes.RunAsync(() => RotateKey(connection), cancellationToken).ConfigureAwait(false);
        }
    }

    // Runs as one write turn: no save can slip in between re-encrypting and removing the old keys.
    private KeyRotationResult RotateKey(SqliteConnection connection)
    {
        _keys.RotateKeyFile();
        int reencrypted = 0, unreadable = 0;
        string currentId;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            var keys = _keys.LoadForWriting();
            var current = keys.Current!;
            currentId = current.Id;
            var stale = new List<(string AccountId, string Pointer, string KeyId, byte[] Nonce, byte[] Ciphertext, byte[] Tag)>();
            using (var select = Command(connection, transaction, "SELECT account_id, pointer, key_id, nonce, ciphertext, tag FROM account_secrets WHERE key_id <> $current"))
            {
                select.Parameters.AddWithValue("$current", current.Id);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    stale.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3], (byte[])reader[4], (byte[])reader[5]));
                }
            }

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

                InsertSecret(connection, transaction, secret.AccountId, secret.Pointer, current, text);
                reencrypted++;
            }

            transaction.Commit();
        }

        var inUse = new HashSet<string>(StringComparer.Ordinal);
        using (var used = Command(connection, null, "SELECT DISTINCT key_id FROM account_secrets"))
        {
            using var reader = used.ExecuteReader();
            while (reader.Read())
            {
                inUse.Add(reader.GetString(0));
            }
        }

        var removed = _keys.RemoveRetiredKeys(inUse);
        return new KeyRotationResult(currentId, reencrypted, unreadable, removed);
    }
}

/// <summary>What a key rotation did.</summary>
/// <param name="KeyId">The key every readable secret is now encrypted under.</param>
/// <param name="Reencrypted">Secrets moved to that key.</param>
/// <param name="Unreadable">Secrets left as they were because their key is missing or wrong.</param>
/// <param name="RemovedKeyIds">Retired key files deleted because no secret uses them any more.</param>
public sealed record KeyRotationResult(string KeyId, int Reencrypted, int Unreadable, IReadOnlyList<string> RemovedKeyIds);
