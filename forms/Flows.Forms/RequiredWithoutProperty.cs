using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// Published specs sometimes list in an object's <c>required</c> names the object never defines:
/// Airbyte's MongoDB source requires <c>connection_string</c> at the top level, where it exists only
/// inside the variants of another property. No form can supply such a value, so every submission would
/// be refused; those names are left out of validation and reported to the schema's author.
/// </summary>
internal static class RequiredWithoutProperty
{
    private static readonly string[] Branches = ["allOf", "anyOf", "oneOf"];

    private static readonly string[] Conditionals = ["if", "then", "else"];

    private static readonly string[] SchemaValued =
        ["items", "additionalItems", "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "not", "if", "then", "else", "contains", "propertyNames"];

    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];

    /// <summary>Removes such names from every <c>required</c> in the document; one sentence per object where it did.</summary>
    public static IReadOnlyList<string> Apply(JsonObject schema)
    {
        var notes = new List<string>();
        Walk(schema, string.Empty, [], notes);
        return notes;
    }

    // outer: the names the schemas around this one define for the same object (an allOf branch or a
    // "then" checks the object its parent describes); null when those could be any name.
    private static void Walk(JsonNode? node, string pointer, HashSet<string>? outer, List<string> notes)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        var declared = outer is null ? null : Declared(schema);
        declared?.UnionWith(outer!);
        if (schema["required"] is JsonArray required && declared is not null)
        {
            var missing = required.Select(r => r?.GetValueKind() == System.Text.Json.JsonValueKind.String ? r.GetValue<string>() : null)
                .Where(name => name is not null && !declared.Contains(name))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (missing.Count > 0)
            {
                schema["required"] = new JsonArray([.. required.Where(r => r?.GetValueKind() != System.Text.Json.JsonValueKind.String || !missing.Contains(r.GetValue<string>())).Select(r => r?.DeepClone())]);
                var names = string.Join(", ", missing.Select(n => $"'{n}'"));
                notes.Add($"{(pointer.Length == 0 ? "The top level" : pointer)} lists {names} as required, but defines no such property there, so no form can fill {(missing.Count == 1 ? "it" : "them")}: Flows does not require {(missing.Count == 1 ? "it" : "them")}. Move the name into the required list of the object that defines it.");
            }
        }

        foreach (var keyword in SchemaValued)
        {
            // Under "not" a name taken out would make the schema stricter, not looser: left as written.
            var around = keyword == "not" ? null : Conditionals.Contains(keyword) ? declared : [];
            Walk(schema[keyword], $"{pointer}/{keyword}", around, notes);
        }

        foreach (var keyword in SchemaMaps)
        {
            if (schema[keyword] is JsonObject map)
            {
                foreach (var (name, value) in map)
                {
                    Walk(value, FormPath.PointerProperty($"{pointer}/{keyword}", name), [], notes);
                }
            }
        }

        foreach (var keyword in SchemaLists)
        {
            if (schema[keyword] is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], $"{pointer}/{keyword}/{i}", Branches.Contains(keyword) ? declared : [], notes);
                }
            }
        }
    }

    // The names an object defines: its properties and those of the branches that apply to the same
    // object. Null when other names could be meant (patterns, a schema for the rest, a reference).
    private static HashSet<string>? Declared(JsonObject schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return Collect(schema, names) ? names : null;
    }

    private static bool Collect(JsonObject schema, HashSet<string> names)
    {
        if (schema.ContainsKey("$ref") || schema.ContainsKey("$dynamicRef") || schema.ContainsKey("patternProperties")
            || schema.ContainsKey("dependentSchemas") || schema["additionalProperties"] is JsonObject || schema["unevaluatedProperties"] is JsonObject)
        {
            return false;
        }

        if (schema["properties"] is JsonObject properties)
        {
            names.UnionWith(properties.Select(p => p.Key));
        }

        foreach (var keyword in Branches)
        {
            foreach (var branch in (schema[keyword] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (!Collect(branch, names))
                {
                    return false;
                }
            }
        }

        foreach (var keyword in Conditionals)
        {
            if (schema[keyword] is JsonObject branch && !Collect(branch, names))
            {
                return false;
            }
        }

        return true;
    }
}
