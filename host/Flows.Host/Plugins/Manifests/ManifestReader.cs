using System.Text.Json;
using Semver;

namespace Flows.Host.Plugins.Manifests;

/// <summary>
/// Reads a plugin folder's <c>plugin.json</c> without touching any plugin code: parses it, validates
/// it against <c>schemas/plugin-manifest.schema.json</c> (once per distinct content), types its
/// versions and canonicalises its paths.
/// </summary>
public sealed class ManifestReader
{
    /// <summary>The manifest file name every plugin folder has.</summary>
    public const string FileName = "plugin.json";

    // A manifest is a small declaration; anything bigger is a mistake or an attack.
    private const long MaxManifestBytes = 256 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };

    private readonly ManifestSchemaValidator _validator = new();
    private readonly ManifestValidationCache _cache;

    public ManifestReader(ManifestValidationCache cache)
    {
        _cache = cache;
    }

    /// <summary>Reads the manifest of <paramref name="pluginDirectory"/>.</summary>
    public ManifestReadResult Read(string pluginDirectory)
    {
        var file = Path.Combine(pluginDirectory, FileName);
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            return Fail("$", $"the folder has no {FileName}");
        }

        if (info.Length > MaxManifestBytes)
        {
            return Fail("$", $"{FileName} is {info.Length:N0} bytes; the limit is {MaxManifestBytes:N0}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Fail("$", $"{FileName} could not be read: {exception.Message}");
        }

        return Parse(bytes, pluginDirectory);
    }

    /// <summary>Parses manifest bytes that belong to <paramref name="pluginDirectory"/>.</summary>
    public ManifestReadResult Parse(ReadOnlySpan<byte> bytes, string pluginDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), ParseOptions);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $" at line {line + 1}, column {(exception.BytePositionInLine ?? 0) + 1}"
                : string.Empty;
            return Fail("$", $"{FileName} is not valid JSON{where}: {FirstSentence(exception.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            var content = ManifestValidationCache.ContentOf(bytes);
            if (!_cache.IsKnownValid(content))
            {
                var problems = _validator.Validate(root);
                if (problems.Count > 0)
                {
                    return new ManifestReadResult(null, problems, PeekId(root));
                }

                _cache.RememberValid(content);
            }

            return Build(root, pluginDirectory);
        }
    }

    private static ManifestReadResult Build(JsonElement root, string pluginDirectory)
    {
        var problems = new List<ManifestProblem>();
        var id = root.GetProperty("id").GetString()!;

        if (!SemVersion.TryParse(root.GetProperty("version").GetString(), SemVersionStyles.Strict, out var version))
        {
            problems.Add(new ManifestProblem("$.version", "is not a Semantic Versioning 2.0 version"));
        }

        var rangeText = root.GetProperty("engines").GetProperty("flows").GetString()!;
        if (!SemVersionRange.TryParseNpm(rangeText, out var range))
        {
            problems.Add(new ManifestProblem("$.engines.flows", $"'{rangeText}' is not a SemVer range (e.g. \"^1.0.0\")"));
        }

        var mainText = root.GetProperty("main").GetString()!;
        if (!PluginPaths.TryResolve(pluginDirectory, mainText, out var mainPath, out var mainError))
        {
            problems.Add(new ManifestProblem("$.main", mainError));
        }

        var accounts = new List<AccountContribution>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var account in root.GetProperty("contributes").GetProperty("accounts").EnumerateArray())
        {
            var accountId = account.GetProperty("id").GetString()!;
            var schemaText = account.GetProperty("schema").GetString()!;
            if (!seen.Add(accountId))
            {
                problems.Add(new ManifestProblem($"$.contributes.accounts[{index}].id", $"'{accountId}' is declared twice"));
            }

            if (!PluginPaths.TryResolve(pluginDirectory, schemaText, out var schemaPath, out var schemaError))
            {
                problems.Add(new ManifestProblem($"$.contributes.accounts[{index}].schema", schemaError));
            }

            OAuthDeclaration? oauth = null;
            if (account.TryGetProperty("oauth", out var oauthElement))
            {
                oauth = OAuthDeclaration.Read(oauthElement);
                foreach (var problem in OAuthDeclarationRules.Check(oauth))
                {
                    problems.Add(new ManifestProblem($"$.contributes.accounts[{index}].oauth{problem.Path}", problem.Message));
                }
            }

            accounts.Add(new AccountContribution(
                accountId,
                account.GetProperty("title").GetString()!,
                account.GetProperty("description").GetString()!,
                schemaPath,
                oauth)
            {
                Deprecated = account.TryGetProperty("deprecated", out var deprecated) ? Deprecation(deprecated) : null,
            });
            index++;
        }

        for (var at = 0; at < accounts.Count; at++)
        {
            if (accounts[at].Deprecated?.ReplacedBy is { } replacement && !accounts.Any(a => a.Id == replacement && a.Deprecated is null))
            {
                problems.Add(new ManifestProblem($"$.contributes.accounts[{at}].deprecated.replacedBy", $"'{replacement}' is not another account type of this plugin that is still current"));
            }
        }

        if (problems.Count > 0)
        {
            return new ManifestReadResult(null, problems, id);
        }

        var manifest = new PluginManifest(
            id,
            root.GetProperty("displayName").GetString()!,
            version!,
            root.GetProperty("publisher").GetString()!,
            root.GetProperty("description").GetString()!,
            range!,
            rangeText,
            mainPath,
            accounts);
        return new ManifestReadResult(manifest, [], id);
    }

    private static AccountDeprecation Deprecation(JsonElement element) => new(
        element.GetProperty("message").GetString()!,
        element.TryGetProperty("date", out var date) && DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null,
        element.TryGetProperty("replacedBy", out var replacedBy) ? replacedBy.GetString() : null);

    // Lets a broken manifest still be listed under its id when the id itself is readable.
    private static string? PeekId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    private static ManifestReadResult Fail(string path, string message) => new(null, [new ManifestProblem(path, message)], null);
}

/// <summary>Either a manifest or the problems that stopped it being one.</summary>
/// <param name="DeclaredId">The id the file declares, when it could be read, even if the manifest is broken.</param>
public sealed record ManifestReadResult(PluginManifest? Manifest, IReadOnlyList<ManifestProblem> Problems, string? DeclaredId);
