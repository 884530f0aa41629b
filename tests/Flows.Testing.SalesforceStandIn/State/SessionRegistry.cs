using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>
/// Session ids handed out by login(). Each one is also a REST bearer token for its user, as on
/// Salesforce, so a session from a SOAP login works against the REST endpoints.
/// </summary>
internal sealed class SessionRegistry
{
    // Real session ids are the org id, '!', then ~100 characters of this alphabet.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    private readonly ConcurrentDictionary<string, IssuedSession> _sessions = new(StringComparer.Ordinal);

    public string Issue(StandInUser user)
    {
        var sessionId = $"{user.OrgId}!AQ{RandomNumberGenerator.GetString(Alphabet, 94)}";
        _sessions[sessionId] = new IssuedSession(user.Username, user.PasswordExpired);
        return sessionId;
    }

    public IssuedSession? Find(string sessionId) => _sessions.TryGetValue(sessionId, out var session) ? session : null;
}

/// <param name="PasswordExpired">
/// A session from a login with an expired password only allows setting a new password.
/// </param>
internal sealed record IssuedSession(string Username, bool PasswordExpired);
