using System.Text.Json.Nodes;
using Flows.Forms;

namespace Flows.Host.Accounts;

/// <summary>
/// Splits an account's values into the non-secret JSON and the secret values (by JSON Pointer),
/// and puts them back together. A <c>-</c> segment in a secret pointer (a list's item template)
/// stands for every row of that list.
/// </summary>
internal static class SecretValues
{
    /// <summary>Removes the secrets from <paramref name="values"/> (a copy): each secret's concrete pointer and its JSON text.</summary>
    public static (JsonObject NonSecret, List<KeyValuePair<string, string>> Secrets) Split(JsonObject values, IEnumerable<string> secretPointers)
    {
        var copy = (JsonObject)values.DeepClone();
        var secrets = new List<KeyValuePair<string, string>>();
        // Outer pointers first: a secret group takes its secret fields with it.
        foreach (var pointer in secretPointers.Distinct(StringComparer.Ordinal).OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))
        {
            foreach (var concrete in Expand(copy, JsonPointers.Segments(pointer)).ToList())
            {
                if (Detach(copy, concrete) is { } text)
                {
                    secrets.Add(new(JsonPointers.Format(concrete), text));
                }
            }
        }

        return (copy, secrets);
    }

    /// <summary>Puts secret values (JSON text by pointer) back into <paramref name="values"/>.</summary>
    public static void Restore(JsonObject values, IEnumerable<KeyValuePair<string, string>> secrets)
    {
        foreach (var (pointer, text) in secrets.OrderBy(s => s.Key.Length).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            var segments = JsonPointers.Segments(pointer);
            if (segments.Count == 0)
            {
                continue;
            }

            var parent = JsonPointers.Find(values, segments.Take(segments.Count - 1));
            var last = segments[^1];
            var value = JsonNode.Parse(text);
            switch (parent)
            {
                case JsonObject obj:
                    obj[last] = value;
                    break;
                case JsonArray array when JsonPointers.Index(last, array) is { } index:
                    array[index] = value;
                    break;
                default:
                    throw new AccountStoreException($"The stored secret at {pointer} no longer fits the account's values.");
            }
        }
    }

    private static IEnumerable<List<string>> Expand(JsonNode? node, IReadOnlyList<string> segments, int at = 0, List<string>? prefix = null)
    {
        prefix ??= [];
        if (at == segments.Count)
        {
            if (at > 0)
            {
                yield return prefix;
            }

            yield break;
        }

        var segment = segments[at];
        switch (node)
        {
            case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                foreach (var found in Expand(child, segments, at + 1, [.. prefix, segment]))
                {
                    yield return found;
                }

                break;
            case JsonArray array when segment == "-":
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Expand(array[i], segments, at + 1, [.. prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array when JsonPointers.Index(segment, array) is { } index:
                foreach (var found in Expand(array[index], segments, at + 1, [.. prefix, segment]))
                {
                    yield return found;
                }

                break;
        }
    }

    // Takes the value out (a list row becomes null, so the other rows keep their places); null when absent.
    private static string? Detach(JsonObject root, List<string> segments)
    {
        var parent = JsonPointers.Find(root, segments.Take(segments.Count - 1));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var value):
                obj.Remove(last);
                return value?.ToJsonString() ?? "null";
            case JsonArray array when JsonPointers.Index(last, array) is { } index:
                var item = array[index];
                array[index] = null;
                return item?.ToJsonString() ?? "null";
            default:
                return null;
        }
    }
}
