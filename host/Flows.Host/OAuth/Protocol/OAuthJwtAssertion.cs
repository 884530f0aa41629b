using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// The JWT bearer assertion (RFC 7523): header <c>{"alg":"RS256"}</c>, claims iss, sub, aud, exp,
/// signed with the account's PEM private key (PKCS#1 or PKCS#8). Problems with the key are said
/// without ever quoting it.
/// </summary>
internal static class OAuthJwtAssertion
{
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"RS256"}"""u8);

    /// <summary>Why <paramref name="pem"/> cannot sign, in words, or null when it can.</summary>
    public static string? CheckKey(string pem)
    {
        using var rsa = TryImport(pem, out var problem);
        return problem;
    }

    /// <summary>The signed assertion; <see cref="CheckKey"/> must have passed.</summary>
    public static string Create(string clientId, OAuthJwtInputs inputs, DateTimeOffset now)
    {
        using var rsa = TryImport(inputs.PrivateKeyPem, out var problem) ?? throw new InvalidOperationException(problem);
        var claims = Claims(clientId, inputs.Subject, inputs.Audience, (now + inputs.Lifetime).ToUnixTimeSeconds());
        var signingInput = $"{Header}.{Base64Url.EncodeToString(claims)}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static RSA? TryImport(string pem, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            problem = "Paste the private key (PEM, starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).";
            return null;
        }

        if (pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            problem = "The private key is encrypted with a passphrase; paste the key without one (openssl pkey -in key.pem -out plain.pem).";
            return null;
        }

        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            problem = pem.Contains("CERTIFICATE-----", StringComparison.Ordinal)
                ? "That is a certificate; paste the private key that goes with it (the certificate is uploaded to the app)."
                : "The private key must be PEM, starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.";
            return null;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                problem = $"The private key is {rsa.KeySize} bits; use an RSA key of 2048 bits or more.";
                rsa.Dispose();
                return null;
            }

            return rsa;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            // The runtime's message may quote the input: say what is wrong in our own words only.
            rsa.Dispose();
            problem = "The private key could not be read: it must be an unencrypted RSA key in PEM (PKCS#1 or PKCS#8), pasted whole.";
            return null;
        }
    }

    private static byte[] Claims(string issuer, string subject, string audience, long expiresAt)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", issuer);
            writer.WriteString("sub", subject);
            writer.WriteString("aud", audience);
            writer.WriteNumber("exp", expiresAt);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
