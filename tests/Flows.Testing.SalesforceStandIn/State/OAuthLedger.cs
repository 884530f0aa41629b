using System.Collections.Concurrent;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>What tests observe of the OAuth endpoints, and the approvals users gave on the authorize page.</summary>
internal sealed class OAuthLedger
{
    private readonly ConcurrentDictionary<string, int> _tokenRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ClientId, string Username), bool> _approvals = new();
    private IReadOnlyDictionary<string, string>? _lastAuthorize;

    /// <summary>Counts a token request under its grant_type as sent ("" when it had none).</summary>
    public void RecordTokenRequest(string grantType) => _tokenRequests.AddOrUpdate(grantType, 1, static (_, n) => n + 1);

    public int TokenRequests(string grantType) => _tokenRequests.TryGetValue(grantType, out var n) ? n : 0;

    public void RecordRevoked(string token) => _revoked[token] = true;

    public bool WasRevoked(string token) => _revoked.ContainsKey(token);

    public void RecordAuthorizeRequest(IReadOnlyDictionary<string, string> parameters) => Volatile.Write(ref _lastAuthorize, parameters);

    public IReadOnlyDictionary<string, string>? LastAuthorizeRequest => Volatile.Read(ref _lastAuthorize);

    public void RecordApproval(string clientId, string username) => _approvals[(clientId, username.ToUpperInvariant())] = true;

    public bool HasApproved(string clientId, string username) => _approvals.ContainsKey((clientId, username.ToUpperInvariant()));
}
