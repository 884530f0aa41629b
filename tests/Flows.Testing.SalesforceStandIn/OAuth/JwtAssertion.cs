using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>A JWT bearer assertion, read but not yet trusted: the claims the stand-in checks and what was signed.</summary>
internal sealed record JwtAssertion(string? Issuer, string? Subject, string? Audience, DateTimeOffset? Expires, byte[] SignedPart, byte[] Signature)
{
    /// <summary>Null unless it is three base64url parts whose header says RS256 and whose payload is a JSON object.</summary>
    public static JwtAssertion? Parse(string? assertion)
    {
        var parts = assertion?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256")
            {
                return null;
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new JwtAssertion(
                Text(claims, "iss"),
                Text(claims, "sub"),
                FirstAudience(claims),
                claims.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null,
                Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
                Base64Url.DecodeFromChars(parts[2]));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Whether the signature verifies with the key of <paramref name="certificatePem"/> (a certificate or a public key).</summary>
    public bool IsSignedBy(string certificatePem)
    {
        try
        {
            using var rsa = PublicKey(certificatePem);
            return rsa is not null && rsa.VerifyData(SignedPart, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static RSA? PublicKey(string pem)
    {
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>aud may be a string or an array of one string (RFC 7519 §4.1.3).</summary>
    private static string? FirstAudience(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return null;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString(),
            JsonValueKind.Array when aud.GetArrayLength() == 1 && aud[0].ValueKind == JsonValueKind.String => aud[0].GetString(),
            _ => null,
        };
    }
}
