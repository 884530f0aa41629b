using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// Where a string schema gives both <c>format</c> and <c>pattern</c>, spec authors mean the pattern:
/// published specs pair <c>date-time</c> with a pattern that also allows a bare date, and show such a
/// date as their example. The pattern then decides what is valid and the format only picks the input
/// widget; a format on its own is still asserted.
/// </summary>
internal static class PatternOverFormat
{
    private static readonly string[] SchemaValued =
        ["items", "additionalItems", "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "not", "if", "then", "else", "contains", "propertyNames"];

    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];

    /// <summary>Removes <c>format</c> from every schema in the document that also has a <c>pattern</c>.</summary>
    public static void Apply(JsonNode? schema)
    {
        if (schema is not JsonObject node)
        {
            return;
        }

        if (node.ContainsKey("pattern") && node.ContainsKey("format"))
        {
            node.Remove("format");
        }

        foreach (var keyword in SchemaValued)
        {
            Apply(node[keyword]);
        }

        foreach (var keyword in SchemaMaps)
        {
            if (node[keyword] is JsonObject map)
            {
                foreach (var (_, value) in map)
                {
                    Apply(value);
                }
            }
        }

        foreach (var keyword in SchemaLists)
        {
            if (node[keyword] is JsonArray list)
            {
                foreach (var item in list)
                {
                    Apply(item);
                }
            }
        }
    }
}
