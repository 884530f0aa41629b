using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// A schema document being read into a form: resolves local <c>$ref</c>s and folds <c>allOf</c>
/// parts into one effective schema per node. Never touches the network or the file system: an
/// external <c>$ref</c> is refused, and recursion and nesting are bounded.
/// </summary>
internal sealed class SchemaDocument
{
    private const int MaxRefHops = 32;

    private readonly JsonNode _root;

    public SchemaDocument(JsonNode root)
    {
        _root = root;
    }

    /// <summary>Whether any schema in the whole document is marked secret (a field edited as JSON may reach it through a <c>$ref</c>).</summary>
    public bool HoldsSecret => _holdsSecret ??= HoldsSecretAt(_root);

    private bool? _holdsSecret;

    /// <summary>
    /// Whether a schema in <paramref name="node"/>'s subtree, or in what its local <c>$ref</c>s point to
    /// (followed once each), is marked secret. A reference that cannot be followed here (dynamic or
    /// recursive) counts as reaching any secret of the document.
    /// </summary>
    public bool SecretWithin(JsonNode? node) => Reaches(node, new HashSet<JsonNode>(ReferenceEqualityComparer.Instance));

    private static bool HoldsSecretAt(JsonNode? node) => node switch
    {
        JsonObject schema => SchemaVocabulary.IsSecret(schema) || schema.Any(p => HoldsSecretAt(p.Value)),
        JsonArray items => items.Any(HoldsSecretAt),
        _ => false,
    };

    private bool Reaches(JsonNode? node, HashSet<JsonNode> visited)
    {
        if (node is JsonArray items)
        {
            return items.Any(item => Reaches(item, visited));
        }

        if (node is not JsonObject schema || !visited.Add(schema))
        {
            return false;
        }

        if (SchemaVocabulary.IsSecret(schema))
        {
            return true;
        }

        if (schema.ContainsKey("$dynamicRef") || schema.ContainsKey("$recursiveRef"))
        {
            return HoldsSecret;
        }

        if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
        {
            if (!target.StartsWith('#'))
            {
                return HoldsSecret;
            }

            if (Pointer(target) is { } referenced && Reaches(referenced, visited))
            {
                return true;
            }
        }

        return schema.Any(p => p.Key != "$ref" && Reaches(p.Value, visited));
    }

    /// <summary>
    /// The schema at <paramref name="node"/> with its <c>$ref</c> chain and <c>allOf</c> parts merged.
    /// <paramref name="refsInUse"/> holds the refs being expanded above this node, to spot recursion.
    /// </summary>
    public EffectiveSchema Resolve(JsonNode? node, IReadOnlySet<string> refsInUse)
    {
        var seen = new HashSet<string>(refsInUse, StringComparer.Ordinal);
        var merged = ResolveInto(node, seen, hops: 0, out var recursiveRef);
        return new EffectiveSchema(merged, seen, recursiveRef);
    }

    private JsonNode? ResolveInto(JsonNode? node, HashSet<string> seen, int hops, out string? recursiveRef)
    {
        recursiveRef = null;
        if (node is not JsonObject schema)
        {
            return node?.DeepClone();
        }

        // The schema's own keywords first: next to a $ref they win over the referenced schema's.
        var result = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if (key is not "$ref" and not "allOf")
            {
                MergeKeyword(result, key, value);
            }
        }

        if (schema["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
        {
            if (!reference.StartsWith('#'))
            {
                throw new FormBuildException($"External $ref '{reference}' is not allowed: a form's schema must be self-contained (use $defs).");
            }

            if (!seen.Add(reference))
            {
                recursiveRef = reference;
                return null;
            }

            if (hops >= MaxRefHops)
            {
                throw new FormBuildException($"$ref '{reference}' goes through more than {MaxRefHops} references.");
            }

            var target = Pointer(reference) ?? throw new FormBuildException($"$ref '{reference}' points to nothing in this schema.");
            var resolved = ResolveInto(target, seen, hops + 1, out recursiveRef);
            if (recursiveRef is not null)
            {
                return null;
            }

            Merge(result, resolved as JsonObject);
        }

        if (schema["allOf"] is JsonArray parts)
        {
            foreach (var part in parts)
            {
                var resolvedPart = ResolveInto(part, seen, hops, out recursiveRef);
                if (recursiveRef is not null)
                {
                    return null;
                }

                Merge(result, resolvedPart as JsonObject);
            }
        }

        return result;
    }

    private JsonNode? Pointer(string reference) => JsonPointers.Find(_root, Uri.UnescapeDataString(reference[1..]));

    // allOf and $ref siblings: properties and required lists are unions; for anything else the first
    // value stands (the referencing schema's own annotations win over the referenced ones').
    private static void Merge(JsonObject into, JsonObject? from)
    {
        if (from is null)
        {
            return;
        }

        foreach (var (key, value) in from)
        {
            MergeKeyword(into, key, value);
        }
    }

    private static void MergeKeyword(JsonObject into, string key, JsonNode? value)
    {
        switch (key)
        {
            case "properties" when into[key] is JsonObject existing && value is JsonObject more:
                foreach (var (name, schema) in more)
                {
                    if (existing[name] is null)
                    {
                        existing[name] = schema?.DeepClone();
                    }
                    else if (existing[name] is JsonObject a && schema is JsonObject b)
                    {
                        // The same property described twice: both constraints apply.
                        existing[name] = new JsonObject { ["allOf"] = new JsonArray(a.DeepClone(), b.DeepClone()) };
                    }
                }

                break;
            case "required" when into[key] is JsonArray existing && value is JsonArray more:
                foreach (var name in more.Where(n => !existing.Any(e => JsonNode.DeepEquals(e, n))))
                {
                    existing.Add(name?.DeepClone());
                }

                break;
            default:
                if (!into.ContainsKey(key))
                {
                    into[key] = value?.DeepClone();
                }

                break;
        }
    }
}

/// <summary>A node's schema after <c>$ref</c> and <c>allOf</c> were folded in.</summary>
/// <param name="Schema">The merged schema: an object, or a boolean schema, or null when recursive.</param>
/// <param name="RefsInUse">The refs expanded to get here, for the children's recursion check.</param>
/// <param name="RecursiveRef">Set when the node refers back to a schema being expanded above it.</param>
internal sealed record EffectiveSchema(JsonNode? Schema, IReadOnlySet<string> RefsInUse, string? RecursiveRef);

/// <summary>A schema that cannot become a form at all (as opposed to a subtree that degrades).</summary>
public sealed class FormBuildException(string message) : Exception(message);
