using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Flows.Host.OAuth.Handovers;

/// <summary>
/// Hand-overs in this process's memory, for a store only this node uses (a SQLite file): a restart
/// forgets them, and the person signs in again.
/// </summary>
internal sealed class MemorySignInHandovers(TimeProvider time) : SignInHandovers
{
    // Enough for any number of people signing in at once; an endless stream of abandoned starts cannot grow it further.
    internal const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<(string Kind, string Key), Entry> _entries = new();

    internal override Task PutAsync(string kind, string key, string binding, byte[] payload, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Sweep();
        if (_entries.Count >= MaxPending)
        {
            throw new InvalidOperationException("Too many sign-ins are under way; try again in a few minutes.");
        }

        _entries[(kind, key)] = new Entry(Hash(binding), payload, expiresAt);
        return Task.CompletedTask;
    }

    internal override Task<HandoverTake> TakeAsync(string kind, string key, string binding, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue((kind, key), out var entry))
        {
            return Task.FromResult(HandoverTake.Refused(HandoverRefusal.Unknown));
        }

        if (!CryptographicOperations.FixedTimeEquals(entry.BindingHash, Hash(binding)))
        {
            return Task.FromResult(HandoverTake.Refused(HandoverRefusal.OtherBrowser));
        }

        if (!_entries.TryRemove(new KeyValuePair<(string, string), Entry>((kind, key), entry)))
        {
            return Task.FromResult(HandoverTake.Refused(HandoverRefusal.Unknown));
        }

        return Task.FromResult(entry.ExpiresAt <= time.GetUtcNow() ? HandoverTake.Refused(HandoverRefusal.Expired) : HandoverTake.Of(entry.Payload));
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static byte[] Hash(string binding) => SHA256.HashData(Encoding.UTF8.GetBytes(binding));

    private sealed record Entry(byte[] BindingHash, byte[] Payload, DateTimeOffset ExpiresAt);
}
