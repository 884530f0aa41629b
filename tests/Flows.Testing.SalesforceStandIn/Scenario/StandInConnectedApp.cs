namespace Flows.Testing.SalesforceStandIn;

/// <summary>
/// A connected app (or External Client App) of the stand-in: what its OAuth settings page in Setup
/// holds. The same app serves every flow it is configured for.
/// </summary>
public sealed record StandInConnectedApp
{
    /// <summary>The client_id.</summary>
    public required string ConsumerKey { get; init; }

    /// <summary>The client_secret; null for an app that has none (only PKCE then).</summary>
    public string? ConsumerSecret { get; init; }

    /// <summary>
    /// Redirect URIs the authorize and token endpoints accept, compared exactly — except that a
    /// loopback IP literal registered without a port accepts any port (RFC 8252 §7.3), since a
    /// native client's redirect listens on whatever port is free.
    /// </summary>
    public IReadOnlyList<string> CallbackUrls { get; init; } = [];

    /// <summary>Authorize requests must carry an S256 code_challenge.</summary>
    public bool RequiresPkce { get; init; } = true;

    /// <summary>
    /// The code and refresh grants must carry the consumer secret ("Require Secret for Web Server
    /// Flow"). A secret that is sent is always checked.
    /// </summary>
    public bool RequiresSecret { get; init; }

    /// <summary>Scopes the app may be granted; an authorize request without scope gets them all.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["api", "refresh_token"];

    /// <summary>
    /// The uploaded certificate for the JWT bearer flow, as PEM: a certificate or a bare public key
    /// (<see cref="StandInKeys.CreateRsa"/> makes one). Null: the app refuses every assertion.
    /// </summary>
    public string? CertificatePem { get; init; }

    /// <summary>
    /// Users an admin pre-authorised ("Admin approved users are pre-authorized"): the JWT bearer
    /// flow works for them, and for users who once allowed the app through the authorize page.
    /// </summary>
    public IReadOnlyList<string> PreAuthorizedUsernames { get; init; } = [];

    /// <summary>The user client-credentials tokens act as; null: that flow is not enabled.</summary>
    public string? RunAsUsername { get; init; }

    /// <summary>Every refresh hands out a new refresh token and ends the one presented.</summary>
    public bool RotateRefreshTokens { get; init; }

    /// <summary>A failure every token request for this app meets (rate limits, maintenance), before anything else is checked.</summary>
    public StandInOAuthFailure Failure { get; init; }

    /// <summary>One line for the demo table.</summary>
    public string Description { get; init; } = "";
}
