using Flows.Host.Plugins.Isolation.Protocol;
using StreamJsonRpc;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The host's side of the protocol with one plugin worker (<see cref="WorkerProtocol"/>): typed calls,
/// the stage the worker reported last, its log lines into the host's log, and how the connection ended.
/// </summary>
internal sealed class WorkerConnection : IDisposable
{
    private readonly JsonRpc _rpc;
    private readonly TaskCompletionSource<string?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int _stage = (int)PluginStage.Load;

    public WorkerConnection(Stream toWorker, Stream fromWorker, string pluginId, PluginLogForwarding log)
    {
        _rpc = WorkerProtocol.Connect(toWorker, fromWorker);
        _rpc.AddLocalRpcTarget(new Notifications(this, pluginId, log));
        _rpc.Disconnected += (_, e) => _ended.TrySetResult(Problem(e));
        _rpc.StartListening();
    }

    /// <summary>The stage the worker last reported starting.</summary>
    public PluginStage Stage => (PluginStage)_stage;

    /// <summary>
    /// Completes when the connection ends: with null when it was closed (by the worker ending, or by the
    /// host), else with why what the worker sent could not be read.
    /// </summary>
    public Task<string?> Ended => _ended.Task;

    /// <summary>Asks the worker to activate its plugin. Throws <see cref="ConnectionLostException"/> when the connection ends first.</summary>
    public Task<ActivationReply> ActivateAsync(CancellationToken cancellationToken) =>
        _rpc.InvokeWithCancellationAsync<ActivationReply>(WorkerProtocol.Activate, [], cancellationToken);

    /// <summary>Runs a check in the worker; cancelling tells the worker. Throws <see cref="ConnectionLostException"/> when the connection ends first.</summary>
    public Task<ValidateAnswer> ValidateAsync(ValidateRequest request, CancellationToken cancellationToken) =>
        _rpc.InvokeWithCancellationAsync<ValidateAnswer>(WorkerProtocol.Validate, [request], cancellationToken);

    /// <summary>Closes the connection (and with it the worker's input, which asks the worker to finish).</summary>
    public void Dispose() => _rpc.Dispose();

    // The kind of failure and the exception's type only: a description could quote what the worker sent.
    private static string? Problem(JsonRpcDisconnectedEventArgs disconnected) => disconnected.Reason switch
    {
        DisconnectedReason.LocallyDisposed or DisconnectedReason.RemotePartyTerminated => null,
        // A pipe that broke is the worker ending; a message that does not parse is also reported as a stream error.
        DisconnectedReason.StreamError when disconnected.Exception is null or IOException or ObjectDisposedException or OperationCanceledException => null,
        _ => disconnected.Exception is { } exception ? $"{disconnected.Reason}, {exception.GetType().Name}" : disconnected.Reason.ToString(),
    };

    /// <summary>What the worker tells the host without asking.</summary>
    private sealed class Notifications(WorkerConnection connection, string pluginId, PluginLogForwarding log)
    {
        [JsonRpcMethod(WorkerProtocol.StageStarted)]
        public void StageStarted(StageStarted message) => connection._stage = (int)message.Stage;

        [JsonRpcMethod(WorkerProtocol.Log)]
        public void Log(PluginLogLine line) => log.Write(pluginId, line);
    }
}
