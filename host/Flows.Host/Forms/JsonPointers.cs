using System.Text.Json.Nodes;

namespace Flows.Host.Forms;

/// <summary>JSON Pointer look-ups (<c>/a/0/b</c>) in a node tree; a pointer that leads nowhere gives null.</summary>
internal static class JsonPointers
{
    public static JsonNode? Find(JsonNode? root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Unescape(segment);
            current = current switch
            {
                JsonObject o => o[name],
                JsonArray a when int.TryParse(name, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
