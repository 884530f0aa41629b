using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Hosting;

/// <summary>
/// Keeps a running server's plugin list current. <c>flows plugins install</c>, <c>enable</c> and
/// <c>disable</c> in another terminal, or a plugin folder copied or deleted by hand, change the
/// plugin folders or the plugin state file; on any such change the catalog forgets what it
/// discovered, and the next page or API call reads the manifests again (no plugin code runs).
/// </summary>
/// <remarks>
/// Only the plugin folders (with their sub-folders) and the state file are watched: the data
/// directory itself also holds the account database, whose every write would otherwise wake this.
/// A plugin folder that does not exist yet is picked up when it is created.
/// </remarks>
internal sealed partial class PluginFolderWatcher(FlowsHostOptions options, PluginCatalog catalog, ILogger<PluginFolderWatcher> logger)
    : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _watchedRoots = new(StringComparer.Ordinal);
    private bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var root in options.PluginRoots)
            {
                if (!WatchRootIfPresent(root.Directory))
                {
                    WatchForCreation(root.Directory);
                }
            }

            var state = Path.Combine(options.HomeDirectory, "state");
            if (Directory.Exists(state))
            {
                TryWatch(state, () => new FileSystemWatcher(state, "plugins.json") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size }, Subscribe);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }

    // Called under _gate. False when the folder does not exist (yet).
    private bool WatchRootIfPresent(string directory)
    {
        if (_watchedRoots.Contains(directory))
        {
            return true;
        }

        if (!Directory.Exists(directory))
        {
            return false;
        }

        var watcher = () => new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        if (TryWatch(directory, watcher, Subscribe))
        {
            _watchedRoots.Add(directory);
        }

        return true;
    }

    // Called under _gate: watches the parent for the root's creation (only folder names: cheap).
    private void WatchForCreation(string directory)
    {
        var parent = Path.GetDirectoryName(directory);
        if (parent is null || !Directory.Exists(parent))
        {
            return;
        }

        TryWatch(
            parent,
            () => new FileSystemWatcher(parent, Path.GetFileName(directory)) { NotifyFilter = NotifyFilters.DirectoryName },
            watcher =>
            {
                watcher.Created += (_, _) => RootAppeared(directory);
                watcher.Renamed += (_, _) => RootAppeared(directory);
            });
    }

    // Called under _gate. A folder that cannot be watched (gone meanwhile, unreadable, the system's
    // inotify limits reached) leaves the plugin list working, only not live: never a failed start.
    private bool TryWatch(string directory, Func<FileSystemWatcher> create, Action<FileSystemWatcher> subscribe)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = create();
            subscribe(watcher);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            if (logger.IsEnabled(LogLevel.Warning))
            {
                LogNotWatched(logger, directory, exception.GetType().Name);
            }

            return false;
        }
    }

    private void RootAppeared(string directory)
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                WatchRootIfPresent(directory);
            }
        }

        Changed(directory);
    }

    private void Subscribe(FileSystemWatcher watcher)
    {
        watcher.Created += (_, e) => Changed(e.FullPath);
        watcher.Deleted += (_, e) => Changed(e.FullPath);
        watcher.Changed += (_, e) => Changed(e.FullPath);
        watcher.Renamed += (_, e) => Changed(e.FullPath);
        // Too many changes at once (the event buffer overflowed): read everything again.
        watcher.Error += (_, _) => Changed(watcher.Path);
    }

    private void Changed(string path)
    {
        LogChanged(logger, path);
        catalog.Refresh();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path} changed; the plugin list will be read again")]
    private static partial void LogChanged(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Directory} is not watched ({Reason}); plugin changes there show after a restart of the server")]
    private static partial void LogNotWatched(ILogger logger, string directory, string reason);
}
