using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Flows.Host.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The host's handle on one plugin worker: starts it, relays its log, matches answers to calls, and
/// notices when it ends — every call still waiting then fails with <see cref="WorkerExitedException"/>.
/// </summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private static readonly string[] HostSecretVariables =
    [
        Accounts.AccountStoreOptions.SecretKeyVariable,
        Accounts.AccountStoreOptions.PreviousSecretKeysVariable,
        FlowsHostOptions.AccessTokenVariable,
    ];

    private readonly Process _process;
    private readonly WorkerScratchFolder _scratch;
    private readonly WorkerChannel _channel;
    private readonly string _pluginId;
    private readonly ILoggerFactory _loggers;
    private readonly Secrets.PluginSecretScrubbing _secretScrubbing;
    private readonly ConcurrentDictionary<string, ILogger> _workerLoggers = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _calls = new();
    private readonly TaskCompletionSource<JsonObject?> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private volatile int _stage = (int)PluginStage.Load;
    private volatile bool _disposed;

    private WorkerProcess(Process process, WorkerScratchFolder scratch, string pluginId, ILoggerFactory loggers, Secrets.PluginSecretScrubbing secretScrubbing)
    {
        _secretScrubbing = secretScrubbing;
        _process = process;
        _scratch = scratch;
        _pluginId = pluginId;
        _channel = new WorkerChannel(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
        _loggers = loggers;
        _logger = loggers.CreateLogger<WorkerProcess>();
    }

    /// <summary>The stage the worker last reported starting (for a worker that ends or hangs during activation).</summary>
    public PluginStage Stage => (PluginStage)_stage;

    /// <summary>The worker's first answer (<c>activated</c> or <c>failed</c>); null when it ended before giving one.</summary>
    public Task<JsonObject?> Activation => _first.Task;

    public bool IsAlive => !_exited.Task.IsCompleted;

    /// <summary>The exit code, once the worker has ended.</summary>
    public int? ExitCode { get; private set; }

    public static WorkerProcess Start(PluginWorkerStart start, PluginInfo plugin, FlowsHostOptions options, ILoggerFactory loggers, Secrets.PluginSecretScrubbing secretScrubbing)
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

        // The host's settings, including those made in code rather than in the environment.
        info.Environment[FlowsHostOptions.HomeVariable] = options.HomeDirectory;
        info.Environment[FlowsHostOptions.ConnectTimeoutVariable] = options.OutboundConnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        info.Environment[FlowsHostOptions.RequestTimeoutVariable] = options.OutboundRequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        CopyAllowLists(options, info.Environment);

        // A plugin has no business with the key that encrypts every account's secrets, nor with the
        // server's access credential.
        foreach (var variable in HostSecretVariables)
        {
            info.Environment.Remove(variable);
        }

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

        var worker = new WorkerProcess(process, scratch, plugin.Id, loggers, secretScrubbing);
        process.ErrorDataReceived += (_, e) => worker.StandardError(e.Data);
        process.BeginErrorReadLine();
        _ = Task.Run(worker.ReadAsync);
        return worker;
    }

    /// <summary>Sends a call and waits for its answer; cancelling tells the worker and stops waiting at once.</summary>
    public async Task<JsonObject> CallAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = answer;
        try
        {
            if (!IsAlive)
            {
                throw new WorkerExitedException(ExitCode);
            }

            message["id"] = id;
            await _channel.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && IsAlive)
        {
            await TrySendAsync(new JsonObject { ["type"] = "cancel", ["id"] = id }).ConfigureAwait(false);
            throw;
        }
        catch (IOException)
        {
            // The pipe broke: the worker is ending; its exit decides the answer.
            await _exited.Task.ConfigureAwait(false);
            throw new WorkerExitedException(ExitCode);
        }
        finally
        {
            _calls.TryRemove(id, out _);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Closing its input asks the worker to finish; one that does not is stopped.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(2));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        // Here too, not only when the pipe ends: a command that exits right after may not wait for that.
        _scratch.Delete();
        _channel.Dispose();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _channel.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } message)
            {
                Receive(message);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException or ObjectDisposedException or InvalidOperationException)
        {
            // A broken pipe or a garbled line: the worker cannot be trusted any more.
            if (!_disposed)
            {
                LogBrokenPipe(_logger, _pluginId, exception.GetType().Name);
                TryKill();
            }
        }

        Ended();
    }

    private void Receive(JsonObject message)
    {
        switch (message["type"]?.GetValue<string>())
        {
            case "stage" when Enum.TryParse<PluginStage>(message["stage"]?.GetValue<string>(), out var stage):
                _stage = (int)stage;
                break;
            case "activated" or "failed":
                _first.TrySetResult(message);
                break;
            case "log":
                Log(message);
                break;
            case "result" or "fault" or "canceled" when message["id"]?.GetValue<long>() is { } id && _calls.TryGetValue(id, out var call):
                call.TrySetResult(message);
                break;
        }
    }

    private void Log(JsonObject message)
    {
        // Logged under the worker's own category: the plugin's (Flows.Plugins.<id>) or the host code's that runs there.
        var category = message["category"]?.GetValue<string>() ?? $"Flows.Plugins.{_pluginId}";
        var logger = _workerLoggers.GetOrAdd(category, _loggers.CreateLogger);
        if (!Enum.TryParse<LogLevel>(message["level"]?.GetValue<string>(), out var level) || !logger.IsEnabled(level))
        {
            return;
        }

        var template = message["template"]?.GetValue<string>() ?? string.Empty;
        var args = message["args"]?.AsArray().Select(a => (object?)a?.GetValue<string>()).ToArray() ?? [];
        var exceptionType = message["exceptionType"]?.GetValue<string>();
        (template, args) = (_secretScrubbing.For(_pluginId).Scrub(template), _secretScrubbing.For(_pluginId).Scrub(args));
#pragma warning disable CA2254, CA1848 // The template comes from the plugin; it is still a template, not a formatted string.
        logger.Log(level, exceptionType is null ? null : new PluginFaultException(exceptionType), template, args);
#pragma warning restore CA2254, CA1848
    }

    // The operator's allow-lists, including those set in code: the plugin's code runs here, so the
    // outbound policy it meets is built here, from these.
    private static void CopyAllowLists(FlowsHostOptions options, IDictionary<string, string?> environment)
    {
        Set(FlowsHostOptions.OutboundAllowedHostsVariable, options.OutboundAllowedHosts);
        foreach (var (pluginId, variable) in FlowsHostOptions.PluginAllowedHostsVariables)
        {
            Set(variable, options.PluginAllowedHosts.TryGetValue(pluginId, out var list) ? list : null);
        }

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
        _first.TrySetResult(null);
        if (!_disposed)
        {
            LogExited(_logger, _pluginId, ExitCode);
        }

        foreach (var call in _calls.Values)
        {
            call.TrySetException(new WorkerExitedException(ExitCode));
        }
    }

    private async Task TrySendAsync(JsonObject message)
    {
        try
        {
            await _channel.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The worker is ending anyway.
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker process of plugin {PluginId} sent something unreadable ({Problem}); it is stopped")]
    private static partial void LogBrokenPipe(ILogger logger, string pluginId, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Plugin {PluginId} wrote a line of {Characters} characters to its console (not shown: plugins log through IPluginLogger)")]
    private static partial void LogConsole(ILogger logger, string pluginId, int characters);
}
