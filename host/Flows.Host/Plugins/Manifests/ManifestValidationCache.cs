using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flows.Host.Hosting;

namespace Flows.Host.Plugins.Manifests;

/// <summary>
/// Remembers which exact manifest contents already passed the manifest schema, under which version of
/// that schema. Listing plugins then costs a comparison per manifest instead of a schema evaluation,
/// and a changed byte or a changed schema means a fresh validation. The contents themselves are kept,
/// not a digest of them: equal text is the only proof that needs no cryptography library loaded at
/// every start (about 10 ms of CPU), and no two manifests can be taken for each other. Kept in
/// <c>state/manifest-cache.json</c> in the data directory; losing it only costs time.
/// </summary>
public sealed class ManifestValidationCache
{
    private readonly string _path;
    private readonly string _schemaVersion;
    private readonly Lock _gate = new();
    private HashSet<string>? _known;
    private HashSet<string> _seen = new(StringComparer.Ordinal);
    private bool _changed;

    public ManifestValidationCache(FlowsHostOptions options)
    {
        _path = PathFor(options);
        _schemaVersion = VersionOf(ManifestSchemaValidator.SchemaText);
    }

    /// <summary>Where the cache is kept for these options.</summary>
    public static string PathFor(FlowsHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.HomeDirectory, "state", "manifest-cache.json");
    }

    /// <summary>The manifest's text as the cache compares it.</summary>
    public static string ContentOf(ReadOnlySpan<byte> manifest) => Encoding.UTF8.GetString(manifest);

    /// <summary>Whether this exact manifest text passed the current schema before.</summary>
    public bool IsKnownValid(string content)
    {
        lock (_gate)
        {
            _seen.Add(content);
            return (_known ??= Load()).Contains(content);
        }
    }

    /// <summary>Records that this manifest text passed the current schema.</summary>
    public void RememberValid(string content)
    {
        lock (_gate)
        {
            _seen.Add(content);
            _changed |= (_known ??= Load()).Add(content);
        }
    }

    /// <summary>
    /// Writes what was learnt, keeping only manifests seen since the last save so the file holds
    /// the installed plugins and not every manifest ever read.
    /// </summary>
    public void Save()
    {
        lock (_gate)
        {
            var known = _known ?? [];
            var kept = known.Where(_seen.Contains).Order(StringComparer.Ordinal).ToList();
            if (!_changed && kept.Count == known.Count)
            {
                _seen = new HashSet<string>(StringComparer.Ordinal);
                return;
            }

            try
            {
                PrivateFiles.CreateDirectory(Path.GetDirectoryName(_path)!);
                var temporary = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
                PrivateFiles.WriteNew(temporary, JsonSerializer.Serialize(new CacheFile(_schemaVersion, kept), CacheJson.Default.CacheFile));
                File.Move(temporary, _path, overwrite: true);
                _known = kept.ToHashSet(StringComparer.Ordinal);
                _changed = false;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A read-only data directory only means validating again next time.
            }

            _seen = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    private HashSet<string> Load()
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // Read as a document, not by the serializer: this runs at every start, and the
            // serializer's set-up would cost more than the file's few lines.
            if (File.Exists(_path))
            {
                using var file = JsonDocument.Parse(File.ReadAllBytes(_path));
                var root = file.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String && schema.ValueEquals(_schemaVersion)
                    && root.TryGetProperty("valid", out var valid) && valid.ValueKind == JsonValueKind.Array)
                {
                    foreach (var text in valid.EnumerateArray())
                    {
                        if (text.ValueKind == JsonValueKind.String)
                        {
                            known.Add(text.GetString()!);
                        }
                    }
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            // An unreadable cache is an empty cache.
            known.Clear();
        }

        return known;
    }

    // Tells one text of the schema from another (64-bit FNV-1a). The schema ships inside the host, so
    // nobody chooses it to collide; a digest for change detection is all this needs.
    private static string VersionOf(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(schema))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    internal sealed record CacheFile(string Schema, IReadOnlyList<string> Valid);
}

[JsonSerializable(typeof(ManifestValidationCache.CacheFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CacheJson : JsonSerializerContext;
