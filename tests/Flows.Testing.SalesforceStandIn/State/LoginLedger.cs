using System.Collections.Concurrent;

namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>Per-user login() counters. Requests arrive concurrently, so every count is atomic.</summary>
internal sealed class LoginLedger
{
    private readonly ConcurrentDictionary<string, Counters> _byUser = new(StringComparer.OrdinalIgnoreCase);

    public void RecordAttempt(string username) => Interlocked.Increment(ref For(username).Attempts);

    public int Attempts(string username) => _byUser.TryGetValue(username, out var counters) ? Volatile.Read(ref counters.Attempts) : 0;

    public int Successes(string username) => _byUser.TryGetValue(username, out var counters) ? Volatile.Read(ref counters.Successes) : 0;

    /// <summary>
    /// Counts a login whose credentials were right and returns how many there have been, this one
    /// included: comparing the result with a limit lets at most that many through, however many race.
    /// </summary>
    public int AddSuccess(string username) => Interlocked.Increment(ref For(username).Successes);

    private Counters For(string username) => _byUser.GetOrAdd(username, static _ => new Counters());

    private sealed class Counters
    {
        // Fields, not properties: Interlocked needs a reference to the storage.
        public int Attempts;
        public int Successes;
    }
}
