namespace Flows.Testing.OAuth;

/// <summary>How an <see cref="OAuthProviderStandIn"/> behaves; tests may change these while it runs.</summary>
public sealed class OAuthProviderSettings
{
    public string ClientId { get; set; } = "flows-test-client";

    /// <summary>The client secret; null for a public app (PKCE only), which then sends none.</summary>
    public string? ClientSecret { get; set; } = "test-client-secret";

    /// <summary>The person who signs in on the authorize page and whom <c>/api/me</c> names.</summary>
    public OAuthProviderUser User { get; set; } = new("user-1", "ada@example.test", "Ada Lovelace");

    /// <summary>What the authorize endpoint does: show its allow page, or answer the redirect at once.</summary>
    public AuthorizeChoice Authorize { get; set; } = AuthorizeChoice.ShowPage;

    /// <summary>Whether each refresh answers with a new refresh token (the old one stops working).</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>The public key (PEM) JWT bearer assertions must be signed with; null: the grant is refused.</summary>
    public string? JwtPublicKeyPem { get; set; }

    /// <summary>The <c>aud</c> a JWT bearer assertion must carry; null: the stand-in's own origin.</summary>
    public string? JwtAudience { get; set; }

    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How long the token endpoint waits before answering (timeouts).</summary>
    public TimeSpan TokenDelay { get; set; } = TimeSpan.Zero;
}

/// <summary>A person at the provider.</summary>
public sealed record OAuthProviderUser(string Subject, string Username, string Name);

/// <summary>What the authorize endpoint does with a valid request.</summary>
public enum AuthorizeChoice
{
    /// <summary>A minimal HTML page with Allow and Deny buttons.</summary>
    ShowPage,

    /// <summary>Redirects back with a code at once.</summary>
    Allow,

    /// <summary>Redirects back with <c>error=access_denied</c> at once.</summary>
    Deny,
}
