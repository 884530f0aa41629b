using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>Codes the authorize page handed out: each can be redeemed once, however many race for it.</summary>
internal sealed class AuthorizationCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly ConcurrentDictionary<string, PendingCode> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _redeemed = new(StringComparer.Ordinal);

    public string Issue(PendingCode pending)
    {
        var code = "aPrx" + RandomNumberGenerator.GetString(Alphabet, 60);
        _pending[code] = pending;
        return code;
    }

    /// <summary>Takes the code out for good; null when it is unknown or already taken.</summary>
    public PendingCode? Redeem(string code)
    {
        if (!_pending.TryRemove(code, out var pending))
        {
            return null;
        }

        _redeemed[code] = true;
        return pending;
    }

    public bool WasRedeemed(string code) => _redeemed.ContainsKey(code);
}

/// <param name="CodeChallenge">The S256 challenge of the authorize request; null when it carried none.</param>
/// <param name="Scope">The granted scopes, space-separated.</param>
internal sealed record PendingCode(string ClientId, string RedirectUri, string? CodeChallenge, string Username, string Scope, DateTimeOffset ExpiresAt);
