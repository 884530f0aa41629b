using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flows.Host.Hosting;

namespace Flows.Host.Plugins.Manifests;

/// <summary>
/// Remembers which exact manifest contents (by SHA-256) already passed the manifest schema, under
/// which version of that schema. Listing plugins then costs a hash per manifest instead of a schema
/// evaluation, and a changed byte or a changed schema means a fresh validation. Kept in
/// <c>state/manifest-cache.json</c> in the data directory; losing it only costs time.
/// </summary>
public sealed class ManifestValidationCache
{
    private readonly string _path;
    private readonly string _schemaHash;
    private readonly Lock _gate = new();
    private HashSet<string>? _known;
    private HashSet<string> _seen = new(StringComparer.Ordinal);
    private bool _changed;

    public ManifestValidationCache(FlowsHostOptions options)
    {
        _path = PathFor(options);
        _schemaHash = Hash(Encoding.UTF8.GetBytes(ManifestSchemaValidator.SchemaText));
    }

    /// <summary>Where the cache is kept for these options.</summary>
    public static string PathFor(FlowsHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.HomeDirectory, "state", "manifest-cache.json");
    }

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

    /// <summary>Whether these exact manifest bytes passed the current schema before.</summary>
    public bool IsKnownValid(string contentHash)
    {
        lock (_gate)
        {
            _seen.Add(contentHash);
            return (_known ??= Load()).Contains(contentHash);
        }
    }

    /// <summary>Records that these manifest bytes passed the current schema.</summary>
    public void RememberValid(string contentHash)
    {
        lock (_gate)
        {
            _seen.Add(contentHash);
            _changed |= (_known ??= Load()).Add(contentHash);
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
                PrivateFiles.WriteNew(temporary, JsonSerializer.Serialize(new CacheFile(_schemaHash, kept), CacheJson.Default.CacheFile));
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
        try
        {
            if (File.Exists(_path)
                && JsonSerializer.Deserialize(File.ReadAllText(_path), CacheJson.Default.CacheFile) is { } file
                && file.Schema == _schemaHash)
            {
                return file.Valid.ToHashSet(StringComparer.Ordinal);
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            // An unreadable cache is an empty cache.
        }

        return new HashSet<string>(StringComparer.Ordinal);
    }

    internal sealed record CacheFile(string Schema, IReadOnlyList<string> Valid);
}

[JsonSerializable(typeof(ManifestValidationCache.CacheFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CacheJson : JsonSerializerContext;
