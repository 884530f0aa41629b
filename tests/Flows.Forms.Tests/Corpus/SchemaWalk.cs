namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// Walks a raw account schema the way an instance nests (properties, list items, variants), so
/// tests can compare what the spec says with the form model built from it.
/// </summary>
public static class SchemaWalk
{
    /// <summary>Instance paths (JSON Pointers, <c>-</c> for a list row) of every subschema carrying one of <paramref name="flags"/> as true.</summary>
    public static IReadOnlyList<string> Flagged(JsonObject schema, params string[] flags)
    {
        var found = new List<string>();
        Walk(schema, string.Empty, inListOrVariant: false, (path, node, _) =>
        {
            if (path.Length > 0 && flags.Any(flag => node[flag] is JsonValue value && value.TryGetValue<bool>(out var set) && set))
            {
                found.Add(path);
            }
        });
        return [.. found.Distinct()];
    }

    /// <summary>The subschema of every property reached through properties alone, by instance path.</summary>
    public static IReadOnlyDictionary<string, JsonObject> PropertiesOutsideListsAndVariants(JsonObject schema)
    {
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        Walk(schema, string.Empty, inListOrVariant: false, (path, node, inListOrVariant) =>
        {
            if (!inListOrVariant && path.Length > 0)
            {
                found[path] = node;
            }
        });
        return found;
    }

    /// <summary>Puts <paramref name="value"/> at <paramref name="instancePath"/>, making the objects on the way.</summary>
    public static void Set(JsonObject root, string instancePath, JsonNode value)
    {
        var names = instancePath.Split('/').Skip(1).Select(Unescape).ToList();
        var target = root;
        foreach (var name in names.SkipLast(1))
        {
            if (target[name] is not JsonObject next)
            {
                target[name] = next = [];
            }

            target = next;
        }

        target[names[^1]] = value;
    }

    private static void Walk(JsonObject schema, string path, bool inListOrVariant, Action<string, JsonObject, bool> visit)
    {
        visit(path, schema, inListOrVariant);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject property)
                {
                    Walk(property, $"{path}/{Escape(name)}", inListOrVariant, visit);
                }
            }
        }

        if (schema["items"] is JsonObject item)
        {
            Walk(item, $"{path}/-", inListOrVariant: true, visit);
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            foreach (var variant in (schema[keyword] as JsonArray ?? []).OfType<JsonObject>())
            {
                WalkVariant(variant, path, visit);
            }
        }
    }

    // A variant describes the same object as its parent: its properties sit beside the parent's.
    private static void WalkVariant(JsonObject variant, string path, Action<string, JsonObject, bool> visit)
    {
        foreach (var (name, child) in variant["properties"] as JsonObject ?? [])
        {
            if (child is JsonObject property)
            {
                Walk(property, $"{path}/{Escape(name)}", inListOrVariant: true, visit);
            }
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string name) => name.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
