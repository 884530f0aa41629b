using System.Diagnostics;
using System.Globalization;
using Flows.Host.Hosting;
using Flows.Host.Plugins.Isolation.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The host's handle on one plugin worker: starts it, talks to it (<see cref="WorkerConnection"/>), and
/// notices when it ends — every call still waiting then fails with <see cref="WorkerExitedException"/>.
/// A worker without a call for <see cref="FlowsHostOptions.WorkerIdleTimeout"/> is ended (<see cref="WorkerIdleClock"/>);
/// its plugin is then no longer alive, so the next use starts a fresh worker.
/// </summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly WorkerScratchFolder _scratch;
    private readonly WorkerConnection _connection;
    private readonly string _pluginId;
    private readonly ILogger _logger;
    private readonly WorkerIdleClock _idle;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private WorkerProcess(Process process, WorkerScratchFolder scratch, string pluginId, TimeSpan idleTimeout, TimeProvider time, ILoggerFactory loggers, PluginLogForwarding log)
    {
        _process = process;
        _scratch = scratch;
        _pluginId = pluginId;
        ProcessId = process.Id;
        _connection = new WorkerConnection(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, pluginId, log);
        _logger = loggers.CreateLogger<WorkerProcess>();
        _idle = new WorkerIdleClock(idleTimeout, time, EndIdle);
    }

    /// <summary>The stage the worker last reported starting (for a worker that ends or hangs during activation).</summary>
    public PluginStage Stage => _connection.Stage;

    public string PluginId => _pluginId;

    public int ProcessId { get; }

    /// <summary>False once the worker has ended, or is ending because it was idle.</summary>
    public bool IsAlive => !_exited.Task.IsCompleted && !_idle.HasEnded;

    /// <summary>Since when no call has been running; null while one runs.</summary>
    public DateTimeOffset? IdleSince => _idle.IdleSince;

    /// <summary>The worker's resident memory in bytes; null once it has ended.</summary>
    public long? MemoryBytes
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.HasExited ? null : _process.WorkingSet64;
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Ended (and perhaps released) meanwhile.
                return null;
            }
        }
    }

    /// <summary>The exit code, once the worker has ended.</summary>
    public int? ExitCode { get; private set; }

    public static WorkerProcess Start(PluginWorkerStart start, PluginInfo plugin, FlowsHostOptions options, TimeProvider time, ILoggerFactory loggers, PluginLogForwarding log)
    {
        var info = new ProcessStartInfo(start.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = plugin.Directory,
        };
        foreach (var argument in start.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var scratch = WorkerScratchFolder.Create();
        var logLevel = Enum.GetValues<LogLevel>().FirstOrDefault(l => loggers.CreateLogger($"Flows.Plugins.{plugin.Id}").IsEnabled(l), LogLevel.None);
        var confinement = options.ConfinePlugins ? WorkerConfinementMode.Confine : WorkerConfinementMode.Unconfined;
        foreach (var argument in PluginWorker.Arguments(plugin.Directory, options.ActivationTimeout, logLevel, scratch.Path, confinement))
        {
            info.ArgumentList.Add(argument);
        }

        // Temporary files go to the one folder a confined worker may write. The worker opens no
        // diagnostic port: another process of this user could read its memory through it.
        info.Environment["TMPDIR"] = scratch.Path;
        info.Environment[Confinement.DiagnosticPort.DisableVariable] = "0";

        // None of the host's own FLOWS_ variables: they may hold the key that encrypts every account's
        // secrets and the server's access credential (in either form, FLOWS_SECRET_KEY or
        // FLOWS_Accounts__SecretKey), which a plugin has no business with.
        foreach (var variable in info.Environment.Keys.Where(v => v.StartsWith(FlowsConfiguration.VariablePrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(variable);
        }

        // The host's settings, wherever they were made (flows.json, the environment, code): a confined
        // worker cannot read flows.json, so the host hands them over.
        info.Environment[FlowsHostOptions.HomeVariable] = options.HomeDirectory;
        info.Environment[FlowsHostOptions.ConnectTimeoutVariable] = options.OutboundConnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        info.Environment[FlowsHostOptions.RequestTimeoutVariable] = options.OutboundRequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        CopyAllowLists(options, plugin.Id, info.Environment);

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch
        {
            scratch.Delete();
            throw;
        }

        var worker = new WorkerProcess(process, scratch, plugin.Id, options.WorkerIdleTimeout, time, loggers, log);
        process.ErrorDataReceived += (_, e) => worker.StandardError(e.Data);
        process.BeginErrorReadLine();
        _ = worker.WatchAsync();
        return worker;
    }

    /// <summary>The worker's answer to activation; null when it ended before giving one.</summary>
    public async Task<ActivationReply?> ActivateAsync(CancellationToken cancellationToken)
    {
        var counted = _idle.CallStarted();
        try
        {
            return await _connection.ActivateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionLostException)
        {
            await _exited.Task.ConfigureAwait(false);
            return null;
        }
        finally
        {
            if (counted)
            {
                _idle.CallEnded();
            }
        }
    }

    /// <summary>Runs a check in the worker; cancelling tells the worker and stops waiting at once.</summary>
    public async Task<ValidateAnswer> ValidateAsync(ValidateRequest request, CancellationToken cancellationToken)
    {
        // Counted before the worker is asked: an idle end cannot come between this check and the call.
        if (!_idle.CallStarted())
        {
            throw new WorkerIdleEndedException();
        }

        if (_exited.Task.IsCompleted)
        {
            _idle.CallEnded();
            throw new WorkerExitedException(ExitCode);
        }

        var call = _connection.ValidateAsync(request, cancellationToken);
        // Counted until the worker has answered, not until the caller stops waiting: a check the caller
        // gave up on may still be running in the worker, and is not cut.
        _ = call.ContinueWith(_ => _idle.CallEnded(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionLostException)
        {
            // The worker is ending; its exit decides the answer.
            await _exited.Task.ConfigureAwait(false);
            throw new WorkerExitedException(ExitCode);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _idle.Dispose();
        try
        {
            // Closing its input asks the worker to finish; one that does not is stopped.
            _connection.Dispose();
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(2));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or ObjectDisposedException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        // Here too, not only when the connection ends: a command that exits right after may not wait for that.
        _scratch.Delete();
        _process.Dispose();
    }

    private async Task WatchAsync()
    {
        var problem = await _connection.Ended.ConfigureAwait(false);
        if (problem is not null && Volatile.Read(ref _disposed) == 0)
        {
            // The worker cannot be trusted any more.
            LogUnreadable(_logger, _pluginId, problem);
            TryKill();
        }

        Ended();
    }

    // The operator's allow-lists, wherever they were set: the plugin's code runs in the worker, so the
    // outbound policy it meets is built there, from these. Only this plugin's own list: another
    // plugin's internal endpoints are none of its business.
    private static void CopyAllowLists(FlowsHostOptions options, string pluginId, IDictionary<string, string?> environment)
    {
        Set(FlowsHostOptions.OutboundAllowedHostsVariable, options.OutboundAllowedHosts);
        Set(FlowsConfiguration.VariableFor(FlowsConfiguration.PluginAllowedHostsKey(pluginId)), options.PluginAllowedHosts.TryGetValue(pluginId, out var list) ? list : null);

        void Set(string variable, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                environment.Remove(variable);
            }
            else
            {
                environment[variable] = value;
            }
        }
    }

    private void StandardError(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            // What the plugin wrote to the console (stdout is the protocol, so the worker sends it here).
            // Only its size is logged: the host cannot tell whether a plugin printed a secret.
            LogConsole(_logger, _pluginId, line.Length);
        }
    }

    private void Ended()
    {
        try
        {
            _process.WaitForExit(TimeSpan.FromSeconds(5));
            ExitCode = _process.HasExited ? _process.ExitCode : null;
        }
        catch (InvalidOperationException)
        {
            // Disposed meanwhile.
        }

        _scratch.Delete();
        _exited.TrySetResult();
        if (Volatile.Read(ref _disposed) == 0)
        {
            LogExited(_logger, _pluginId, ExitCode);
        }
    }

    // Not a failure: the worker is stopped as the host stops it (Dispose), and starts again on next use.
    private void EndIdle(TimeSpan idleFor)
    {
        LogIdleEnded(_logger, _pluginId, ProcessId, idleFor.TotalMinutes);
        Dispose();
    }

    private void TryKill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker process of plugin {PluginId} ended (exit code {ExitCode})")]
    private static partial void LogExited(ILogger logger, string pluginId, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "The worker process {ProcessId} of plugin {PluginId} ended after {IdleMinutes:0.##} min without a call; it starts again on next use")]
    private static partial void LogIdleEnded(ILogger logger, string pluginId, int processId, double idleMinutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker process of plugin {PluginId} sent something unreadable ({Problem}); it is stopped")]
    private static partial void LogUnreadable(ILogger logger, string pluginId, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Plugin {PluginId} wrote a line of {Characters} characters to its console (not shown: plugins log through IPluginLogger)")]
    private static partial void LogConsole(ILogger logger, string pluginId, int characters);
}
