using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Hosting;

/// <summary>
/// On a node of a shared store, tells the other nodes which plugins this one runs (its plugin folders
/// are its own): once it listens, again whenever its plugin list may have changed (an install, a
/// removal, a folder copied by hand, a plugin enabled or disabled), and every
/// <see cref="NodePluginsBoard.Heartbeat"/> so that a node that vanished shows as stale. Withdrawn when
/// the server stops. A store that does not answer is said in the log and tried again; it never stops
/// the server.
/// </summary>
internal sealed partial class NodePluginsPublisher(
    NodePluginsBoard board,
    PluginCatalog catalog,
    FlowsHostOptions options,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<NodePluginsPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // Copying a plugin folder is many file events: publish once they have settled.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private string? _name;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_name is not { } name)
        {
            return;
        }

        try
        {
            await Task.Run(() => board.Withdraw(name), CancellationToken.None).WaitAsync(StopPatience, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (NodePluginsBoard.IsStoreFault(exception) || exception is OperationCanceledException)
        {
            // Left behind, the document goes stale by itself.
            LogNotWithdrawn(logger, name, board.Location!, exception.GetType().Name);
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!board.IsShared)
        {
            return;
        }

        // The default name needs the port, known once the server listens.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => listening.TrySetResult()))
        {
            await listening.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        var name = options.NodeName ?? DefaultName(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        var started = time.GetUtcNow();
        _name = name;
        catalog.Refreshed += OnRefreshed;
        try
        {
            await PublishUntilStoppedAsync(name, started, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync withdraws the document.
        }
        finally
        {
            catalog.Refreshed -= OnRefreshed;
        }
    }

    /// <summary>The machine's name and the port of the first address: stable across restarts, different per node on one machine.</summary>
    internal static string DefaultName(ICollection<string> addresses)
    {
        var first = addresses.FirstOrDefault();
        return first is not null && Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var address)
            ? $"{Environment.MachineName}:{address.Port}"
            : Environment.MachineName;
    }

    private async Task PublishUntilStoppedAsync(string name, DateTimeOffset started, CancellationToken stoppingToken)
    {
        IReadOnlyList<NodePlugin>? published = null;
        var publishedAt = DateTimeOffset.MinValue;
        var failing = false;
        while (true)
        {
            var now = time.GetUtcNow();
            var wait = NodePluginsBoard.Heartbeat - (now - publishedAt);
            try
            {
                var plugins = NodePlugins.Of(catalog.Plugins);
                if (published is null || !plugins.SequenceEqual(published) || wait <= TimeSpan.Zero)
                {
                    board.Publish(new NodePlugins(name, FlowsVersion, started, now, plugins));
                    published = plugins;
                    publishedAt = now;
                    wait = NodePluginsBoard.Heartbeat;
                    if (failing)
                    {
                        LogPublishedAgain(logger, name, board.Location!);
                        failing = false;
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store away, or anything else: telling the other nodes must never stop this one.
                if (!failing)
                {
                    LogNotPublished(logger, name, board.Location!, exception.GetType().Name, RetryAfter.TotalSeconds);
                    failing = true;
                }

                wait = RetryAfter;
            }

            if (await _changed.WaitAsync(wait, stoppingToken).ConfigureAwait(false))
            {
                await Task.Delay(Settle, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void OnRefreshed(object? sender, EventArgs e)
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A change is already waiting to be published.
        }
    }

    private static string FlowsVersion => typeof(NodePluginsPublisher).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes of {Location} which plugins node {Node} runs ({Problem}); trying again every {Seconds} s")]
    private static partial void LogNotPublished(ILogger logger, string node, string location, string problem, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} told the other nodes of {Location} which plugins it runs again")]
    private static partial void LogPublishedAgain(ILogger logger, string node, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not withdraw node {Node} from {Location} ({Problem}); the other nodes see it as stale after a few minutes")]
    private static partial void LogNotWithdrawn(ILogger logger, string node, string location, string problem);
}
