using System.Security.Cryptography;
using System.Text;

namespace Flows.Host.Accounts;

/// <summary>AES-256-GCM for one secret value, bound to its account and field.</summary>
internal static class SecretCipher
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static (byte[] Nonce, byte[] Ciphertext, byte[] Tag) Encrypt(SecretKey key, string accountId, string pointer, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var ciphertext = new byte[plain.Length];
            var tag = new byte[TagSize];
            using var aes = new AesGcm(key.Material, TagSize);
            aes.Encrypt(nonce, plain, ciphertext, tag, AssociatedData(accountId, pointer));
            return (nonce, ciphertext, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The plaintext, or null when the key is wrong or the data was changed.</summary>
    public static string? Decrypt(SecretKey key, string accountId, string pointer, byte[] nonce, byte[] ciphertext, byte[] tag)
    {
        var plain = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key.Material, TagSize);
            aes.Decrypt(nonce, ciphertext, tag, plain, AssociatedData(accountId, pointer));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // A nonce or tag of the wrong size: damaged data.
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] AssociatedData(string accountId, string pointer) =>
        Encoding.UTF8.GetBytes($"flows.account-secret.v1\0{accountId}\0{pointer}");
}
