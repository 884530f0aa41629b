using System.Text.Json;
using System.Text.Json.Serialization;
using Flows.Host.Hosting;
using Flows.Host.Store;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.State;

/// <summary>
/// What the host remembers about plugins between runs: which ones the user disabled, and which
/// failed their last activation (so a fresh <c>flows plugins list</c> still shows them Faulted).
/// Kept as <c>plugins.json</c> in the data directory, written atomically; with a PostgreSQL store, in
/// its shared documents (one per plugin), so every node of the store sees the same choices.
/// </summary>
public sealed partial class PluginStateStore
{
    private const string SharedKind = "plugin-state";

    private readonly string _path;
    private readonly SharedDocuments? _shared;
    private readonly ILogger<PluginStateStore> _logger;
    private readonly Lock _gate = new();
    private StateDocument? _lastShared;

    public PluginStateStore(FlowsHostOptions options, ILogger<PluginStateStore> logger, NodeSharing? sharing = null)
    {
        _path = Path.Combine(options.HomeDirectory, "state", "plugins.json");
        _shared = sharing?.Documents;
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
            var was = Copy(state);
            change(state);
            var after = JsonSerializer.Serialize(state, PluginStateJson.Default.StateDocument);
            if (before == after)
            {
                return;
            }

            if (_shared is not null)
            {
                SaveShared(was, state);
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
        if (_shared is not null)
        {
            return LoadShared(_shared);
        }

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

    // A server that does not answer keeps the last state read (or the defaults), said in the log.
    private StateDocument LoadShared(SharedDocuments shared)
    {
        try
        {
            var state = new StateDocument();
            foreach (var document in shared.ReadAll(SharedKind))
            {
                var plugin = JsonSerializer.Deserialize(document.Body, PluginStateJson.Default.SharedPluginState);
                if (plugin is null)
                {
                    continue;
                }

                if (plugin.Disabled)
                {
                    state.Disabled.Add(document.Name);
                }

                if (plugin.Fault is { } fault)
                {
                    state.Faults[document.Name] = fault;
                }
            }

            _lastShared = state;
            return Copy(state);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException or JsonException)
        {
            LogUnreadableState(_logger, shared.Location, exception.GetType().Name);
            return _lastShared is null ? new StateDocument() : Copy(_lastShared);
        }
    }

    // Writes the plugins whose state changed, each as its own document.
    private void SaveShared(StateDocument before, StateDocument after)
    {
        foreach (var pluginId in before.Disabled.Concat(before.Faults.Keys).Concat(after.Disabled).Concat(after.Faults.Keys).Distinct(StringComparer.Ordinal))
        {
            var was = Of(before, pluginId);
            var now = Of(after, pluginId);
            if (was == now)
            {
                continue;
            }

            if (now is null)
            {
                _shared!.Remove(SharedKind, pluginId);
            }
            else
            {
                _shared!.Put(SharedKind, pluginId, JsonSerializer.Serialize(now, PluginStateJson.Default.SharedPluginState));
            }
        }

        _lastShared = Copy(after);

        static SharedPluginState? Of(StateDocument state, string pluginId)
        {
            var disabled = state.Disabled.Contains(pluginId);
            var fault = state.Faults.GetValueOrDefault(pluginId);
            return disabled || fault is not null ? new SharedPluginState { Disabled = disabled, Fault = fault } : null;
        }
    }

    private static StateDocument Copy(StateDocument state) => new()
    {
        Disabled = [.. state.Disabled],
        Faults = new Dictionary<string, RecordedFault>(state.Faults, StringComparer.Ordinal),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin state file {Path} could not be read and is ignored: {Problem}")]
    private static partial void LogUnreadableState(ILogger logger, string path, string problem);

    internal sealed class StateDocument
    {
        public List<string> Disabled { get; set; } = [];

        public Dictionary<string, RecordedFault> Faults { get; set; } = new(StringComparer.Ordinal);
    }

    /// <summary>One plugin's state as a shared document.</summary>
    internal sealed record SharedPluginState
    {
        public bool Disabled { get; init; }

        public RecordedFault? Fault { get; init; }
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
[JsonSerializable(typeof(PluginStateStore.SharedPluginState))]
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
internal sealed partial class PluginStateJson : JsonSerializerContext;
