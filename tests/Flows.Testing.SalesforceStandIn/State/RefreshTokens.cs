using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>
/// Refresh tokens and the access tokens each one produced. One lock keeps a rotation atomic: of
/// two refreshes racing with the same token, one gets the new token and the other is refused.
/// </summary>
internal sealed class RefreshTokens
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RefreshGrant> _byToken = new(StringComparer.Ordinal);

    public RefreshGrant Create(string clientId, string username, string scope)
    {
        lock (_lock)
        {
            var grant = new RefreshGrant(clientId, username, scope) { Current = NewToken() };
            _byToken[grant.Current] = grant;
            return grant;
        }
    }

    /// <summary>Whose approval <paramref name="token"/> carries, when it is live and belongs to <paramref name="clientId"/>.</summary>
    public string? LiveUsername(string token, string clientId)
    {
        lock (_lock)
        {
            return IsLive(token, clientId, out var grant) ? grant.Username : null;
        }
    }

    /// <summary>
    /// The grant behind <paramref name="token"/> when it is the live token of a live grant for
    /// <paramref name="clientId"/>; with <paramref name="rotate"/>, the grant moves to a new token
    /// (returned in <paramref name="rotated"/>) and the presented one is spent.
    /// </summary>
    public RefreshGrant? Redeem(string token, string clientId, bool rotate, out string? rotated)
    {
        rotated = null;
        lock (_lock)
        {
            if (!IsLive(token, clientId, out var grant))
            {
                return null;
            }

            if (rotate)
            {
                rotated = NewToken();
                grant.Current = rotated;
                _byToken[rotated] = grant;
            }

            return grant;
        }
    }

    public void AddAccessToken(RefreshGrant grant, string accessToken)
    {
        lock (_lock)
        {
            grant.AccessTokens.Add(accessToken);
        }
    }

    /// <summary>Ends the grant behind a refresh token; its access tokens stay usable. False for an unknown token.</summary>
    public bool Expire(string token)
    {
        lock (_lock)
        {
            if (!_byToken.TryGetValue(token, out var grant))
            {
                return false;
            }

            grant.Ended = true;
            return true;
        }
    }

    /// <summary>Ends the grant behind a refresh token and returns its access tokens, for revocation; null for an unknown token.</summary>
    public IReadOnlyList<string>? Revoke(string token)
    {
        lock (_lock)
        {
            if (!_byToken.TryGetValue(token, out var grant))
            {
                return null;
            }

            grant.Ended = true;
            return [.. grant.AccessTokens];
        }
    }

    private bool IsLive(string token, string clientId, [NotNullWhen(true)] out RefreshGrant? grant) =>
        _byToken.TryGetValue(token, out grant) && !grant.Ended && grant.Current == token && grant.ClientId == clientId;

    private static string NewToken() => "5Aep861" + RandomNumberGenerator.GetString(Alphabet, 80);
}

/// <summary>One user's approval of one app, as a chain of refresh tokens when the app rotates them.</summary>
internal sealed class RefreshGrant(string clientId, string username, string scope)
{
    public string ClientId { get; } = clientId;

    public string Username { get; } = username;

    public string Scope { get; } = scope;

    /// <summary>The one refresh token that works; earlier ones were rotated away. Guarded by the store's lock.</summary>
    public required string Current { get; set; }

    public bool Ended { get; set; }

    public List<string> AccessTokens { get; } = [];
}
