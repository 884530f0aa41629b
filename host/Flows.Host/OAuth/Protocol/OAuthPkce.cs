using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Flows.Host.OAuth.Protocol;

/// <summary>Proof Key for Code Exchange (RFC 7636) with S256, and the random state of a sign-in.</summary>
internal static class OAuthPkce
{
    /// <summary>A code verifier: 32 random bytes, base64url, 43 characters of the unreserved set.</summary>
    public static string NewCodeVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A state value: 256 random bits, URL-safe.</summary>
    public static string NewState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The S256 challenge: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string Challenge(string codeVerifier)
    {
        ArgumentNullException.ThrowIfNull(codeVerifier);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
    }
}
