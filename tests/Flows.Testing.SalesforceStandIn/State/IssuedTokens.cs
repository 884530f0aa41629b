using System.Collections.Concurrent;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>Every token the token endpoint handed out, in order, so tests can look for them where they must not be.</summary>
internal sealed class IssuedTokens
{
    private readonly ConcurrentQueue<StandInIssuedToken> _issued = new();

    public void Record(StandInIssuedToken token) => _issued.Enqueue(token);

    public IReadOnlyList<StandInIssuedToken> All => [.. _issued];
}
