using System.Text.Json;
using Json.Schema;

namespace Flows.Host.Schemas;

/// <summary>
/// Reads an account schema file and checks that it is a usable JSON Schema 2020-12 document for an
/// account form: valid JSON, valid against the 2020-12 meta-schema, an object schema at the root.
/// </summary>
public static class AccountSchemaLoader
{
    private const long MaxSchemaBytes = 1024 * 1024;
    private const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    private static readonly EvaluationOptions MetaEvaluation = new() { OutputFormat = OutputFormat.List };

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

    /// <summary>Checks schema text; <paramref name="name"/> names it in messages.</summary>
    public static AccountSchemaLoadResult Check(string text, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
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

            if (root.TryGetProperty("$schema", out var dialect) && dialect.GetString() is { } dialectText
                && !string.Equals(dialectText.TrimEnd('#'), Draft202012, StringComparison.Ordinal)
                && !string.Equals(dialectText, Forms.AccountVocabulary.Id, StringComparison.Ordinal))
            {
                problems.Add($"{name}: \"$schema\" must be {Draft202012} (draft 2020-12) or {Forms.AccountVocabulary.Id}, not {dialectText}.");
            }

            var meta = MetaSchemas.Draft202012.Evaluate(root, MetaEvaluation);
            if (!meta.IsValid)
            {
                problems.AddRange(JsonSchemaProblems.From(meta).Select(p => $"{name} {p.Path}: {p.Message}"));
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
            {
                problems.Add($"{name}: an account schema must declare \"type\": \"object\" at its root.");
            }

            return problems.Count == 0 ? new AccountSchemaLoadResult(text, []) : new AccountSchemaLoadResult(null, problems);
        }
    }
}

/// <summary>The schema text when it passed, else the problems found.</summary>
public sealed record AccountSchemaLoadResult(string? Text, IReadOnlyList<string> Problems)
{
    public bool IsValid => Text is not null;

    public static AccountSchemaLoadResult Fail(string problem) => new(null, [problem]);
}
