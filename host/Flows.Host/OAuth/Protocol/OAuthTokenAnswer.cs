using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// A successful token answer (RFC 6749 §5.1) as a token set: the tokens, the expiry from
/// <c>expires_in</c>, and the provider's other members as text; tokens never land in the properties.
/// </summary>
internal static class OAuthTokenAnswer
{
    private static readonly HashSet<string> NeverProperties = new(StringComparer.Ordinal)
    {
        "access_token", "refresh_token", "id_token", "token_type", "expires_in",
    };

    public static OAuthTokenSet? Read(JsonObject answer, DateTimeOffset now, string? previousRefreshToken)
    {
        if (Text(answer["access_token"]) is not { Length: > 0 } accessToken)
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in answer)
        {
            if (!NeverProperties.Contains(name) && Text(value) is { } text)
            {
                properties[name] = text;
            }
        }

        return new OAuthTokenSet
        {
            AccessToken = accessToken,
            // A provider that does not rotate refresh tokens answers a refresh without one: keep the one we have.
            RefreshToken = Text(answer["refresh_token"]) is { Length: > 0 } refreshToken ? refreshToken : previousRefreshToken,
            TokenType = Text(answer["token_type"]) is { Length: > 0 } type ? type : "Bearer",
            ExpiresAt = ExpiresIn(answer["expires_in"]) is { } seconds ? now.AddSeconds(seconds) : null,
            Properties = properties,
            SignedInAt = now,
        };
    }

    /// <summary>A member as text: strings as they are, numbers and booleans as JSON writes them; objects and arrays not.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                _ => null,
            }
            : null;

    private static double? ExpiresIn(JsonNode? node) =>
        Text(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 10 * 365 * 86400
            ? seconds
            : null;
}
