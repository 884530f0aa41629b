using System.Security.Cryptography;
using System.Text;
using Flows.Host.Accounts;

namespace Flows.Host.OAuth.Handovers;

/// <summary>
/// AES-256-GCM for a hand-over kept in a database: under the accounts' secret key (every node of a
/// store has it), bound to the hand-over's kind and key hash, so a body moved to another row does not open.
/// A body is the key's id, the nonce, the tag and the ciphertext.
/// </summary>
internal sealed class HandoverSeal(SecretKeyRing keys)
{
    private const int KeyIdSize = 16;

    public byte[] Seal(string kind, byte[] keyHash, byte[] plaintext)
    {
        var key = keys.LoadForWriting().Current!;
        var body = new byte[KeyIdSize + SecretCipher.NonceSize + SecretCipher.TagSize + plaintext.Length];
        Encoding.ASCII.GetBytes(key.Id).CopyTo(body, 0);
        var nonce = body.AsSpan(KeyIdSize, SecretCipher.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Material, SecretCipher.TagSize);
        aes.Encrypt(
            nonce,
            plaintext,
            body.AsSpan(KeyIdSize + SecretCipher.NonceSize + SecretCipher.TagSize),
            body.AsSpan(KeyIdSize + SecretCipher.NonceSize, SecretCipher.TagSize),
            AssociatedData(kind, keyHash));
        return body;
    }

    /// <summary>The plaintext; null when no key of this node opens it (another key, or a changed body).</summary>
    public byte[]? Open(string kind, byte[] keyHash, byte[] body)
    {
        if (body.Length < KeyIdSize + SecretCipher.NonceSize + SecretCipher.TagSize
            || !keys.Load().All.TryGetValue(Encoding.ASCII.GetString(body, 0, KeyIdSize), out var key))
        {
            return null;
        }

        var plaintext = new byte[body.Length - KeyIdSize - SecretCipher.NonceSize - SecretCipher.TagSize];
        try
        {
            using var aes = new AesGcm(key.Material, SecretCipher.TagSize);
            aes.Decrypt(
                body.AsSpan(KeyIdSize, SecretCipher.NonceSize),
                body.AsSpan(KeyIdSize + SecretCipher.NonceSize + SecretCipher.TagSize),
                body.AsSpan(KeyIdSize + SecretCipher.NonceSize, SecretCipher.TagSize),
                plaintext,
                AssociatedData(kind, keyHash));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] AssociatedData(string kind, byte[] keyHash) =>
        Encoding.UTF8.GetBytes($"flows.sign-in-handover.v1\0{kind}\0{Convert.ToHexStringLower(keyHash)}");
}
