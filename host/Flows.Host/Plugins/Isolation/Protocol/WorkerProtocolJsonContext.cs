using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flows.Host.Plugins.Isolation.Protocol;

/// <summary>
/// The protocol's messages, serialised without reflection; also the id of a <c>$/cancelRequest</c>,
/// which the library reads with these options too.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, Converters = [typeof(StreamJsonRpc.SystemTextJsonFormatter.RequestIdSTJsonConverter)])]
[JsonSerializable(typeof(ActivationReply))]
[JsonSerializable(typeof(ValidateRequest))]
[JsonSerializable(typeof(ValidateAnswer))]
[JsonSerializable(typeof(StageStarted))]
[JsonSerializable(typeof(PluginLogLine))]
[JsonSerializable(typeof(StreamJsonRpc.Protocol.CommonErrorData))]
[JsonSerializable(typeof(StreamJsonRpc.RequestId))]
internal sealed partial class WorkerProtocolJsonContext : JsonSerializerContext;
