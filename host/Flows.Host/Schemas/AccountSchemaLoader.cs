using Flows.Forms;
using System.Text.Json;
using Json.Schema;

namespace Flows.Host.Schemas;

/// <summary>
/// Reads an account schema file and checks that it is a usable JSON Schema document for an account
/// form: valid JSON, a dialect flows knows, valid against that dialect's meta-schema, an object schema
/// at the root. Malformed annotations (a non-array <c>examples</c>) change no value's validity, so they
/// are warnings, not refusals.
/// </summary>
public static class AccountSchemaLoader
{
    private const long MaxSchemaBytes = 1024 * 1024;

    // As deep as a form schema may be read (FormSchema), so that both checks accept the same documents.
    private const int MaxDepth = 256;
    private static readonly string[] AnnotationKeywords = ["examples", "title", "description", "$comment"];

    // Places where a name is a property name, not a keyword: "examples" there is a property.
    private static readonly string[] NamedSchemaContainers = [".properties", ".definitions", "['$defs']", ".patternProperties", ".dependentSchemas", ".dependencies"];

    // Hierarchical, so that failed alternatives inside a passing anyOf are not reported as faults.
    private static readonly EvaluationOptions MetaEvaluation = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>Loads and checks the schema at <paramref name="path"/>.</summary>
    public static AccountSchemaLoadResult Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return AccountSchemaLoadResult.Fail($"{file.Name} does not exist.");
        }

        if (file.Length > MaxSchemaBytes)
        {
            return AccountSchemaLoadResult.Fail($"{file.Name} is {file.Length:N0} bytes; the limit is {MaxSchemaBytes:N0}.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return AccountSchemaLoadResult.Fail($"{file.Name} could not be read: {exception.Message}");
        }

        return Check(text, file.Name);
    }

    /// <summary>Checks schema text as an account schema; <paramref name="name"/> names it in messages.</summary>
    public static AccountSchemaLoadResult Check(string text, string name) => Check(text, name, requireObjectRoot: true);

    /// <summary>
    /// Checks schema text as a JSON Schema only (JSON, dialect, meta-schema, annotation warnings): the
    /// part of <see cref="Check(string, string)"/> that <c>forms check</c> shares with <c>plugins check</c>.
    /// </summary>
    public static AccountSchemaLoadResult CheckJsonSchema(string text, string name) => Check(text, name, requireObjectRoot: false);

    private static AccountSchemaLoadResult Check(string text, string name, bool requireObjectRoot)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" at line {line + 1}" : string.Empty;
            return AccountSchemaLoadResult.Fail($"{name} is not valid JSON{where}.");
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = new List<string>();
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AccountSchemaLoadResult.Fail($"{name}: an account schema must be a JSON object.");
            }

            var dialect = SchemaDialects.Of(root);
            if (dialect.Dialect is not { } known)
            {
                return AccountSchemaLoadResult.Fail($"{name}: {dialect.Problem}");
            }

            var warnings = new List<string>();
            EvaluationResults meta;
            try
            {
                meta = known.MetaSchema.Evaluate(root, MetaEvaluation);
            }
            catch (InvalidOperationException)
            {
                // Thrown where a name or string is read: a \u escape that is half a character.
                return AccountSchemaLoadResult.Fail($"{name}: the schema is not valid JSON: it holds a \\u escape that is not a whole Unicode character (a lone surrogate).");
            }

            if (!meta.IsValid)
            {
                foreach (var (path, message) in JsonSchemaProblems.From(meta))
                {
                    if (IsAnnotation(path))
                    {
                        warnings.Add($"{name} {path}: {message}; this annotation is ignored.");
                    }
                    else
                    {
                        problems.Add($"{name} {path}: {message}");
                    }
                }
            }

            if (requireObjectRoot && (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object"))
            {
                problems.Add($"{name}: an account schema must declare \"type\": \"object\" at its root.");
            }

            return new AccountSchemaLoadResult(problems.Count == 0 ? text : null, problems) { Warnings = warnings };
        }
    }

    // A JSON path such as $.properties.port.examples: an annotation keyword of some subschema.
    private static bool IsAnnotation(string path)
    {
        foreach (var keyword in AnnotationKeywords)
        {
            foreach (var suffix in (string[])["." + keyword, $"['{keyword}']"])
            {
                if (path.EndsWith(suffix, StringComparison.Ordinal))
                {
                    var owner = path[..^suffix.Length];
                    return !NamedSchemaContainers.Any(c => owner.EndsWith(c, StringComparison.Ordinal));
                }
            }
        }

        return false;
    }
}

/// <summary>The schema text when it passed, else the problems found; warnings either way.</summary>
public sealed record AccountSchemaLoadResult(string? Text, IReadOnlyList<string> Problems)
{
    /// <summary>What is wrong but harmless: reported, never a reason to refuse the schema.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsValid => Text is not null;

    public static AccountSchemaLoadResult Fail(string problem) => new(null, [problem]);
}
