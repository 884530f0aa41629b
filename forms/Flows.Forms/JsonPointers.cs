using System.Globalization;
using System.Text.Json.Nodes;
using Json.Pointer;

namespace Flows.Forms;

/// <summary>
/// The one reading of JSON Pointers (RFC 6901) for the forms and whatever stores their values, parsed and
/// written by JsonPointer.Net: <c>""</c> is the whole document, <c>/</c> the member named <c>""</c>,
/// <c>/a//b</c> the member <c>b</c> of the member <c>""</c> of <c>a</c>. A segment names an array
/// item only as a plain index (<c>0</c>, <c>12</c>; never <c>01</c> or <c>-</c>).
/// </summary>
internal static class JsonPointers
{
    /// <summary>The property names and indexes of <paramref name="pointer"/>, unescaped; none for the whole document.</summary>
    /// <exception cref="ArgumentException">The text is not a JSON Pointer.</exception>
    public static IReadOnlyList<string> Segments(string pointer) =>
        TrySegments(pointer) ?? throw new ArgumentException($"'{pointer}' is not a JSON Pointer (it must start with '/').", nameof(pointer));

    /// <summary>The pointer made of <paramref name="segments"/> (property names or indexes), escaped.</summary>
    public static string Format(IEnumerable<string> segments) =>
        JsonPointer.Create([.. segments]).ToString();

    /// <summary>The pointer of the property <paramref name="name"/> of the value at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) => parent + Format([name]);

    /// <summary>The value at <paramref name="pointer"/>; null when it leads nowhere or is not a pointer.</summary>
    public static JsonNode? Find(JsonNode? root, string pointer) =>
        TrySegments(pointer) is { } segments ? Find(root, segments) : null;

    /// <summary>The value the property names and indexes <paramref name="segments"/> lead to from <paramref name="root"/>, or null.</summary>
    public static JsonNode? Find(JsonNode? root, IEnumerable<string> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if ((current = Child(current, segment)) is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The member or item <paramref name="segment"/> of <paramref name="node"/>, or null.</summary>
    public static JsonNode? Child(JsonNode? node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array when Index(segment, array) is { } index => array[index],
        _ => null,
    };

    /// <summary>The item <paramref name="segment"/> names in <paramref name="array"/>, when it is a plain index within it.</summary>
    public static int? Index(string segment, JsonArray array) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && (segment.Length == 1 || segment[0] != '0')
        && index < array.Count
            ? index
            : null;

    private static List<string>? TrySegments(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (!JsonPointer.TryParse(pointer, out var parsed) || (pointer.Length > 0 && pointer[0] != '/'))
        {
            return null;
        }

        var segments = new List<string>(parsed.SegmentCount);
        for (var i = 0; i < parsed.SegmentCount; i++)
        {
            // JsonPointer.Net keeps a segment as written; ~1 is undone before ~0 (RFC 6901, section 4).
            segments.Add(parsed[i].ToString().Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return segments;
    }
}
