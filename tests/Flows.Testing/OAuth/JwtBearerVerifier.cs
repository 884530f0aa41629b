using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Flows.Testing.OAuth;

/// <summary>Checks a JWT bearer assertion as a provider does: RS256 signature against the registered key, then iss, aud, exp, sub.</summary>
internal static class JwtBearerVerifier
{
    /// <summary>The claims, or the error and description the provider answers with.</summary>
    public static (Dictionary<string, object?>? Claims, string? Error, string? Description) Verify(string assertion, OAuthProviderSettings settings, string defaultAudience, DateTimeOffset now)
    {
        if (settings.JwtPublicKeyPem is null)
        {
            return (null, "invalid_grant", "no certificate registered for this app");
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return (null, "invalid_grant", "invalid assertion");
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(settings.JwtPublicKeyPem);
        byte[] header, payload, signature;
        try
        {
            header = Base64Url.DecodeFromChars(parts[0]);
            payload = Base64Url.DecodeFromChars(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return (null, "invalid_grant", "invalid assertion");
        }

        using var headerJson = JsonDocument.Parse(header);
        if (!headerJson.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256"
            || !rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return (null, "invalid_grant", "invalid assertion");
        }

        using var claimsJson = JsonDocument.Parse(payload);
        var root = claimsJson.RootElement;
        var claims = root.EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64() : p.Value.GetString()));
        if (claims.GetValueOrDefault("iss") as string != settings.ClientId)
        {
            return (claims, "invalid_client_id", "client identifier invalid");
        }

        if (claims.GetValueOrDefault("aud") as string != (settings.JwtAudience ?? defaultAudience))
        {
            return (claims, "invalid_grant", "audience is invalid");
        }

        var exp = claims.GetValueOrDefault("exp") as long?;
        if (exp is null || exp < now.ToUnixTimeSeconds() || exp > now.ToUnixTimeSeconds() + 300)
        {
            return (claims, "invalid_grant", "expiration time is invalid");
        }

        return claims.GetValueOrDefault("sub") as string == settings.User.Username
            ? (claims, null, null)
            : (claims, "invalid_grant", "user hasn't approved this consumer");
    }
}
