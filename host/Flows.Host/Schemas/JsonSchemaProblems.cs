using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Flows.Host.Schemas;

/// <summary>Flattens JsonSchema.Net's list output into (JSON path, message) pairs people can read.</summary>
public static class JsonSchemaProblems
{
    /// <summary>
    /// Every error in <paramref name="results"/>, with its instance location as a JSON path. When the
    /// schema document is given, a failed <c>pattern</c> is explained with the subschema's description
    /// instead of the regular expression nobody can read.
    /// </summary>
    public static IReadOnlyList<(string Path, string Message)> From(EvaluationResults results, JsonElement? schemaDocument = null)
    {
        var problems = new List<(string, string)>();
        Collect(results, schemaDocument, problems);
        return problems.Distinct().ToList();
    }

    private static void Collect(EvaluationResults node, JsonElement? schemaDocument, List<(string, string)> problems)
    {
        // Below a node that passed, failures are alternatives that did not matter (anyOf branches).
        if (node.IsValid)
        {
            return;
        }

        if (node.Errors is { Count: > 0 } errors)
        {
            var path = ToJsonPath(node.InstanceLocation.ToString());
            foreach (var (keyword, message) in errors)
            {
                problems.Add((path, Describe(node, keyword, message, schemaDocument)));
            }
        }

        if (node.Details is { } details)
        {
            foreach (var child in details)
            {
                Collect(child, schemaDocument, problems);
            }
        }
    }

    private static string Describe(EvaluationResults node, string keyword, string message, JsonElement? schemaDocument)
    {
        // A false schema fails with "All values fail against the false schema", which tells an author
        // nothing; under additionalProperties it means the property is unknown.
        if (keyword.Length == 0 || keyword == "false")
        {
            return node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal)
                ? "is not allowed here (unknown property)"
                : "is not allowed here";
        }

        if (keyword == "pattern" && Description(node, schemaDocument) is { } description)
        {
            return $"is not in the expected form. {description}";
        }

        return message;
    }

    // The description of the subschema that produced the error, found through its schema location.
    private static string? Description(EvaluationResults node, JsonElement? schemaDocument)
    {
        if (schemaDocument is not { } document)
        {
            return null;
        }

        var fragment = Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#'));
        var current = document;
        foreach (var raw in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Object && current.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
    }

    /// <summary>Converts a JSON Pointer (<c>/a/0/b</c>) to a JSON path (<c>$.a[0].b</c>).</summary>
    public static string ToJsonPath(string jsonPointer)
    {
        var builder = new StringBuilder("$");
        foreach (var raw in jsonPointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (segment.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(segment).Append(']');
            }
            else if (segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                builder.Append('.').Append(segment);
            }
            else
            {
                builder.Append("['").Append(segment.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return builder.ToString();
    }
}
