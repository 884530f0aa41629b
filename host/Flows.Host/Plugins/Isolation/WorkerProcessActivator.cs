using System.ComponentModel;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Plugins.Activation;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// Activates a plugin in a worker process of its own (<see cref="PluginWorker"/>): the worker loads,
/// composes and verifies it with the in-process activator, and the host gets its account definitions
/// and validators as stand-ins that call across the pipe. A plugin that crashes its worker during
/// activation becomes a Faulted status with the stage it reached; later, its validation calls
/// answer "unavailable" and the next call starts a fresh worker, as it does after a worker ended for
/// being idle (<see cref="FlowsHostOptions.WorkerIdleTimeout"/>).
/// </summary>
public sealed partial class WorkerProcessActivator : IPluginActivator
{
    // Starting a worker is starting the .NET runtime: time on top of the activation limit.
    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(15);

    private readonly FlowsHostOptions _options;
    private readonly PluginWorkerStart _start;
    private readonly ILoggerFactory _loggers;
    private readonly PluginLogForwarding _log;
    private readonly PluginWorkers _workers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public WorkerProcessActivator(FlowsHostOptions options, ILoggerFactory loggers, PluginLogForwarding log, PluginWorkers workers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        _start = options.PluginWorker ?? throw new ArgumentException($"{nameof(FlowsHostOptions.PluginWorker)} is not set.", nameof(options));
        _loggers = loggers;
        _log = log;
        _workers = workers;
        _time = time;
        _logger = loggers.CreateLogger<WorkerProcessActivator>();
    }

    public async Task<ActivationResult> ActivateAsync(PluginInfo plugin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (plugin.Manifest is null || plugin.Status != PluginStatus.Active)
        {
            return ActivationResult.NotActive(plugin);
        }

        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(_start, plugin, _options, _time, _loggers, _log);
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException or IOException)
        {
            return Failed(plugin, PluginStage.Load, $"The plugin's worker process could not be started ({exception.GetType().Name}).");
        }

        var handedOver = false;
        try
        {
            var reply = await worker.ActivateAsync(cancellationToken).WaitAsync(_options.ActivationTimeout + StartAllowance, cancellationToken).ConfigureAwait(false);
            if (reply is null)
            {
                var code = worker.ExitCode is { } exitCode ? $" (exit code {exitCode})" : string.Empty;
                return Failed(plugin, worker.Stage, $"The plugin's process ended during activation{code}, in stage {worker.Stage}; the plugin is not used.");
            }

            if (reply.Failed is { } failed)
            {
                return ActivationResult.Failed(failed.Stage, failed.Reason, failed.Problems);
            }

            var answer = reply.Activated ?? throw new InvalidDataException("The worker's answer holds neither an activation nor a failure.");
            var definitions = answer.Definitions
                .Select(d => (IAccountDefinition)new RemoteAccountDefinition(d.Id, d.Title, d.Description, d.Schema))
                .ToList();
            var validators = answer.ValidatorIds
                .ToDictionary(id => id, id => (IAccountValidator)new RemoteAccountValidator(worker, id), StringComparer.Ordinal);
            var elapsed = TimeSpan.FromMilliseconds(answer.ElapsedMs);
            handedOver = true;
            _workers.Add(worker, _time.GetUtcNow());
            LogActivated(_logger, plugin.Id, elapsed.TotalMilliseconds);
            return ActivationResult.Succeeded(new ActivatedPlugin(plugin, worker, definitions, validators, elapsed, () => worker.IsAlive));
        }
        catch (TimeoutException)
        {
            return Failed(plugin, worker.Stage, $"Activation did not finish within {(_options.ActivationTimeout + StartAllowance).TotalSeconds:0.#} s (stuck in stage {worker.Stage}); the plugin is not used.");
        }
#pragma warning disable CA1031 // Whatever is wrong with the worker's answer (a field missing, of the wrong kind), the plugin is not used; the host goes on.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Failed(plugin, PluginStage.Load, $"The plugin's worker process answered something unreadable ({exception.GetType().Name}); the plugin is not used.");
        }
        finally
        {
            if (!handedOver)
            {
                worker.Dispose();
            }
        }
    }

    private ActivationResult Failed(PluginInfo plugin, PluginStage stage, string reason)
    {
        LogActivationFailed(_logger, plugin.Id, stage, reason);
        return ActivationResult.Failed(stage, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activated plugin {PluginId} in its own process in {ElapsedMs:0.0} ms")]
    private static partial void LogActivated(ILogger logger, string pluginId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} failed to activate at stage {Stage}: {Reason}")]
    private static partial void LogActivationFailed(ILogger logger, string pluginId, PluginStage stage, string reason);
}
