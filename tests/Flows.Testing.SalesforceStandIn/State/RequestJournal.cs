using System.Collections.Concurrent;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>Raw request bodies in arrival order, for tests that check what a client put on the wire.</summary>
internal sealed class RequestJournal
{
    private readonly ConcurrentQueue<string> _bodies = new();

    public void Record(string body) => _bodies.Enqueue(body);

    public IReadOnlyList<string> Bodies => [.. _bodies];
}
