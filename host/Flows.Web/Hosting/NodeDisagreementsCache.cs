using Flows.Host.Plugins.Nodes;
using Flows.Host.Store;

namespace Flows.Web.Hosting;

/// <summary>
/// The plugins the running nodes of a shared store disagree on, for the plugins page and API: read
/// from the store in the background when a node announces a change and at least every
/// <see cref="MaxAge"/> (so that a node gone stale drops out), never while a request waits. Always
/// empty with a SQLite store.
/// </summary>
internal sealed class NodeDisagreementsCache
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReadPatience = TimeSpan.FromSeconds(10);

    private readonly NodePluginsBoard _board;
    private readonly TimeProvider _time;
    private IReadOnlyList<PluginDisagreement> _current = [];
    private long _readAtTicks;
    private long _changes;
    private int _reading;

    public NodeDisagreementsCache(NodePluginsBoard board, NodeSharing sharing, TimeProvider time)
    {
        _board = board;
        _time = time;
        if (sharing.Documents is { } documents)
        {
            documents.Changed += (_, change) =>
            {
                if (change.Kind is NodePluginsBoard.Kind or "*")
                {
                    Interlocked.Increment(ref _changes);
                    Volatile.Write(ref _readAtTicks, 0);
                }
            };
        }
    }

    /// <summary>The disagreements as last read (a read starts when they are old), by plugin id.</summary>
    public IReadOnlyList<PluginDisagreement> Current
    {
        get
        {
            if (_board.IsShared
                && _time.GetUtcNow().UtcTicks - Volatile.Read(ref _readAtTicks) > MaxAge.Ticks
                && Interlocked.Exchange(ref _reading, 1) == 0)
            {
                _ = Task.Run(ReadAsync);
            }

            return Volatile.Read(ref _current);
        }
    }

    // A store that does not answer keeps the last disagreements; the node's log already says it is away.
    private async Task ReadAsync()
    {
        try
        {
            var changes = Interlocked.Read(ref _changes);
            var (reports, _) = await _board.TryReadAsync(ReadPatience, CancellationToken.None).ConfigureAwait(false);
            if (reports is not null)
            {
                Volatile.Write(ref _current, PluginDisagreements.Find([.. reports.Where(r => !r.Stale).Select(r => r.Node)]));
                // A change announced meanwhile is read on the next request.
                if (Interlocked.Read(ref _changes) == changes)
                {
                    Volatile.Write(ref _readAtTicks, _time.GetUtcNow().UtcTicks);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
