using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Flows.Testing.OAuth;

/// <summary>What an <see cref="OAuthProviderStandIn"/> has issued and seen: codes, tokens, counters, scripted answers.</summary>
internal sealed class OAuthProviderState(OAuthProviderSettings settings)
{
    public OAuthProviderSettings Settings { get; } = settings;

    public ConcurrentDictionary<string, IssuedCode> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>Live refresh tokens and whom they belong to.</summary>
    public ConcurrentDictionary<string, string> RefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Live access tokens: whom they belong to, until when, and the sign-in (refresh token) they came from.</summary>
    public ConcurrentDictionary<string, IssuedAccessToken> AccessTokens { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Revoked { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> TokenRequests { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<ScriptedAnswer> Scripted { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenForms { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> RevokeForms { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, object?>> Assertions { get; } = new();

    public static string NewToken(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}

/// <summary>An authorization code waiting for its exchange.</summary>
internal sealed record IssuedCode(string ClientId, string RedirectUri, string Challenge, string Subject, string? Scope);

/// <summary>An access token: revoking <see cref="Family"/> (the refresh token of its sign-in) ends it too, as at Salesforce.</summary>
internal sealed record IssuedAccessToken(string Subject, DateTimeOffset ExpiresAt, string? Family);

/// <summary>An answer the token endpoint gives instead of its own, once.</summary>
internal sealed record ScriptedAnswer(int Status, string Body, string ContentType = "application/json");
