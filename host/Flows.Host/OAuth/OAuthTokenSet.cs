namespace Flows.Host.OAuth;

/// <summary>
/// What a sign-in or a refresh gave an account: its tokens (secrets, stored encrypted) and what may be
/// shown (who signed in, when, the provider's non-secret answers such as Salesforce's <c>instance_url</c>).
/// </summary>
public sealed record OAuthTokenSet
{
    /// <summary>The current access token; null once it is known to be expired or was never kept.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The refresh token (authorization code flow); null for flows that obtain a new token instead.</summary>
    public string? RefreshToken { get; init; }

    public string TokenType { get; init; } = "Bearer";

    /// <summary>When the access token expires: from <c>expires_in</c>, or unknown (null) when the provider does not say.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The provider's other answers as text (<c>instance_url</c>, <c>id</c>, <c>scope</c>, <c>issued_at</c>…); never a token.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Who signed in, in words ("ada@example.com"), when the provider said.</summary>
    public string? Identity { get; init; }

    /// <summary>When the person (or the host, for server-to-server flows) signed in.</summary>
    public required DateTimeOffset SignedInAt { get; init; }
}
