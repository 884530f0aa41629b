using System.Text.Json;
using StreamJsonRpc;

namespace Flows.Host.Plugins.Isolation.Protocol;

/// <summary>
/// JSON-RPC 2.0 between the host and a plugin worker over the worker's standard input and output, one
/// message per line. Host to worker: <c>activate</c> once, then <c>validate</c> per check (cancelled
/// with <c>$/cancelRequest</c>). Worker to host, as notifications: <c>stageStarted</c> and <c>log</c>.
/// The host closes the worker's input to end it.
/// </summary>
internal static class WorkerProtocol
{
    public const string Activate = "activate";
    public const string Validate = "validate";
    public const string StageStarted = "stageStarted";
    public const string Log = "log";

    // Large enough for any account or plugin answer; a longer message is a broken peer, not a message.
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>A connection over <paramref name="sending"/> and <paramref name="receiving"/>; add targets, then start listening.</summary>
    public static JsonRpc Connect(Stream sending, Stream receiving)
    {
        var formatter = new SystemTextJsonFormatter
        {
            JsonSerializerOptions = new JsonSerializerOptions(WorkerProtocolJsonContext.Default.Options),
        };
        return new JsonRpc(new NewLineDelimitedMessageHandler(sending, new MessageSizeLimit(receiving, MaxMessageBytes), formatter))
        {
            // A running check learns that the host has gone, and may stop.
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
    }
}
