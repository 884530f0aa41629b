namespace Flows.Contracts;

/// <summary>
/// What the host obtained from an account's OAuth provider for one check: a fresh access token and
/// the provider's answer. The host signs in, stores and refreshes tokens; a validator only uses them.
/// </summary>
public sealed class AccountAuthorization
{
    /// <summary>Creates the authorization handed to a validator.</summary>
    /// <param name="accessToken">A current access token.</param>
    /// <param name="tokenType">The token type the provider gave, usually "Bearer".</param>
    /// <param name="expiresAt">When the access token expires, when the provider said.</param>
    /// <param name="properties">The provider's other answers as text (e.g. Salesforce's <c>instance_url</c> and <c>id</c>); never tokens.</param>
    public AccountAuthorization(string accessToken, string tokenType, DateTimeOffset? expiresAt, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(tokenType);
        ArgumentNullException.ThrowIfNull(properties);
        AccessToken = accessToken;
        TokenType = tokenType;
        ExpiresAt = expiresAt;
        Properties = properties;
    }

    /// <summary>A current access token, to send as <c>Authorization: {TokenType} {AccessToken}</c>.</summary>
    public string AccessToken { get; }

    /// <summary>The token type, usually "Bearer".</summary>
    public string TokenType { get; }

    /// <summary>When the access token expires, when the provider said.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The provider's other answers as text, e.g. <c>instance_url</c>, <c>id</c>, <c>scope</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>The refresh token; set only when the account type declares that its validator needs it.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The client secret; set only when the account type declares that its validator needs it.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>A property of the provider's answer, or <see langword="null"/>.</summary>
    public string? GetProperty(string name) => Properties.TryGetValue(name, out var value) ? value : null;
}
