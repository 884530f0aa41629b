using System.Text.Json;
using System.Text.Json.Serialization;
using Flows.Host.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.State;

/// <summary>
/// What the host remembers about plugins between runs: which ones the user disabled, and which
/// failed their last activation (so a fresh <c>flows plugins list</c> still shows them Faulted).
/// Kept as <c>plugins.json</c> in the data directory, written atomically.
/// </summary>
public sealed partial class PluginStateStore
{
    private readonly string _path;
    private readonly ILogger<PluginStateStore> _logger;
    private readonly Lock _gate = new();

    public PluginStateStore(FlowsHostOptions options, ILogger<PluginStateStore> logger)
    {
        _path = Path.Combine(options.HomeDirectory, "state", "plugins.json");
        _logger = logger;
    }

    /// <summary>Reads the state once, for a whole discovery pass.</summary>
    public PluginStateSnapshot Read()
    {
        lock (_gate)
        {
            var state = Load();
            return new PluginStateSnapshot(
                state.Disabled.ToHashSet(StringComparer.Ordinal),
                new Dictionary<string, RecordedFault>(state.Faults, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Persists the user's choice. Enabling also forgets a remembered activation failure, so that
    /// "enable" is how a user asks for another try (say, after a timeout on a busy machine).
    /// </summary>
    public void SetEnabled(string pluginId, bool enabled)
    {
        Update(state =>
        {
            state.Disabled.RemoveAll(id => id == pluginId);
            if (enabled)
            {
                state.Faults.Remove(pluginId);
            }
            else
            {
                state.Disabled.Add(pluginId);
                state.Disabled.Sort(StringComparer.Ordinal);
            }
        });
    }

    /// <summary>Remembers that activation failed, or forgets it (<paramref name="fault"/> = null) after a success.</summary>
    public void RecordFault(string pluginId, RecordedFault? fault)
    {
        Update(state =>
        {
            if (fault is null)
            {
                state.Faults.Remove(pluginId);
            }
            else
            {
                state.Faults[pluginId] = fault;
            }
        });
    }

    private void Update(Action<StateDocument> change)
    {
        lock (_gate)
        {
            var state = Load();
            var before = JsonSerializer.Serialize(state, PluginStateJson.Default.StateDocument);
            change(state);
            var after = JsonSerializer.Serialize(state, PluginStateJson.Default.StateDocument);
            if (before == after)
            {
                return;
            }

            PrivateFiles.CreateDirectory(Path.GetDirectoryName(_path)!);
            // Write a sibling file and rename it over the old one, so a crash never leaves half a file.
            var temporary = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            PrivateFiles.WriteNew(temporary, after);
            File.Move(temporary, _path, overwrite: true);
        }
    }

    private StateDocument Load()
    {
        try
        {
            if (!File.Exists(_path))
            {
                return new StateDocument();
            }

            return JsonSerializer.Deserialize(File.ReadAllText(_path), PluginStateJson.Default.StateDocument) ?? new StateDocument();
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            // Losing the remembered state must not stop the host; say so and start from defaults.
            LogUnreadableState(_logger, _path, exception.Message);
            return new StateDocument();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin state file {Path} could not be read and is ignored: {Problem}")]
    private static partial void LogUnreadableState(ILogger logger, string path, string problem);

    internal sealed class StateDocument
    {
        public List<string> Disabled { get; set; } = [];

        public Dictionary<string, RecordedFault> Faults { get; set; } = new(StringComparer.Ordinal);
    }
}

/// <summary>The state as read at one moment.</summary>
public sealed record PluginStateSnapshot(IReadOnlySet<string> Disabled, IReadOnlyDictionary<string, RecordedFault> Faults)
{
    /// <summary>Whether the user disabled <paramref name="pluginId"/>.</summary>
    public bool IsDisabled(string pluginId) => Disabled.Contains(pluginId);

    /// <summary>The recorded activation failure of <paramref name="pluginId"/>, when it is for the same build.</summary>
    public RecordedFault? FindFault(string pluginId, string fingerprint) =>
        Faults.TryGetValue(pluginId, out var fault) && fault.Fingerprint == fingerprint ? fault : null;
}

/// <summary>An activation failure remembered for one build of a plugin (identified by <see cref="Fingerprint"/>).</summary>
public sealed record RecordedFault(string Fingerprint, PluginStage Stage, string Reason, DateTimeOffset At);

[JsonSerializable(typeof(PluginStateStore.StateDocument))]
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
internal sealed partial class PluginStateJson : JsonSerializerContext;
