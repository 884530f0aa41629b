using System.Collections.Concurrent;
using Flows.Host.Hosting;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The plugin workers running in this process's care, for display: which plugin, its process id,
/// its memory and since when it has been idle. A worker leaves the list when it ends.
/// </summary>
public sealed class PluginWorkers(FlowsHostOptions options)
{
    private readonly ConcurrentDictionary<WorkerProcess, DateTimeOffset> _workers = new();

    /// <summary>Whether plugin code runs in worker processes at all (else in this process, and there are no workers to show).</summary>
    public bool InUse => options.PluginWorker is not null;

    /// <summary>The worker running the plugin's code; null when none runs (it starts on next use).</summary>
    public PluginWorkerInfo? Find(string pluginId) => Running().FirstOrDefault(w => string.Equals(w.PluginId, pluginId, StringComparison.Ordinal));

    /// <summary>
    /// The worker of <paramref name="plugin"/> among <paramref name="running"/>: only the Active plugin
    /// of an id has one, not a superseded or disabled copy of it.
    /// </summary>
    public static PluginWorkerInfo? Of(PluginInfo plugin, IReadOnlyList<PluginWorkerInfo> running)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(running);
        return plugin.Status == PluginStatus.Active ? running.FirstOrDefault(w => string.Equals(w.PluginId, plugin.Id, StringComparison.Ordinal)) : null;
    }

    /// <summary>Every worker running, the newest first.</summary>
    public IReadOnlyList<PluginWorkerInfo> Running()
    {
        var running = new List<PluginWorkerInfo>();
        foreach (var (worker, started) in _workers.OrderByDescending(w => w.Value))
        {
            if (worker.IsAlive && worker.MemoryBytes is { } memory)
            {
                running.Add(new PluginWorkerInfo(worker.PluginId, worker.ProcessId, memory, worker.IdleSince, started));
            }
            else
            {
                _workers.TryRemove(worker, out _);
            }
        }

        return running;
    }

    /// <summary>Lists a worker that was handed its plugin.</summary>
    internal void Add(WorkerProcess worker, DateTimeOffset started) => _workers.TryAdd(worker, started);
}

/// <summary>One running plugin worker.</summary>
/// <param name="MemoryBytes">Its resident memory.</param>
/// <param name="IdleSince">Since when no call has been running in it; null while one runs.</param>
public sealed record PluginWorkerInfo(string PluginId, int ProcessId, long MemoryBytes, DateTimeOffset? IdleSince, DateTimeOffset Started);
