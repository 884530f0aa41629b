using System.Text;
using Json.Schema;

namespace Flows.Host.Schemas;

/// <summary>Flattens JsonSchema.Net's list output into (JSON path, message) pairs people can read.</summary>
public static class JsonSchemaProblems
{
    /// <summary>Every error in <paramref name="results"/>, with its instance location as a JSON path.</summary>
    public static IReadOnlyList<(string Path, string Message)> From(EvaluationResults results)
    {
        var problems = new List<(string, string)>();
        Collect(results, problems);
        return problems.Distinct().ToList();
    }

    private static void Collect(EvaluationResults node, List<(string, string)> problems)
    {
        if (node.Errors is { Count: > 0 } errors)
        {
            var path = ToJsonPath(node.InstanceLocation.ToString());
            foreach (var (keyword, message) in errors)
            {
                problems.Add((path, Describe(keyword, message)));
            }
        }

        if (node.Details is { } details)
        {
            foreach (var child in details)
            {
                Collect(child, problems);
            }
        }
    }

    // The library's "additionalProperties" message is "All values fail against the false schema",
    // which tells an author nothing; name the problem instead.
    private static string Describe(string keyword, string message) => keyword switch
    {
        "false" => "is not allowed here (unknown property)",
        _ => message,
    };

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
