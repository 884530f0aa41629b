using System.Text.Json.Nodes;

namespace Flows.Forms.UiSchema;

/// <summary>
/// rjsf's <c>ui:order</c>: the listed properties first in that order, <c>"*"</c> standing for all the
/// others in schema order. Where rjsf throws (a name the schema lacks, properties left unlisted without
/// a <c>"*"</c>, two <c>"*"</c>), the form still works and the notes say what was done instead.
/// </summary>
internal static class UiOrder
{
    public const string Key = "ui:order";

    private const string Rest = "*";

    /// <summary>The fields of one object in the order <paramref name="order"/> asks for.</summary>
    /// <param name="fields">The object's fields, in schema order.</param>
    /// <param name="order">The <c>ui:order</c> value; anything but a list of strings is ignored and noted.</param>
    /// <param name="place">Where in the uiSchema the object is, for the notes.</param>
    /// <param name="known">Every name the uiSchema may mention at this level (including fields of inline alternatives).</param>
    /// <param name="notes">Where problems are told; null where they were already told for this level.</param>
    public static IReadOnlyList<FormField> Apply(IReadOnlyList<FormField> fields, JsonNode? order, string place, IReadOnlySet<string> known, List<string>? notes)
    {
        if (order is not JsonArray entries || entries.Any(e => e is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            notes?.Add($"The uiSchema's \"{Key}\" {UiNode.Describe(place)} is ignored: it must be a list of property names (and \"*\").");
            return fields;
        }

        var names = entries.Select(e => e!.GetValue<string>()).ToList();
        var unknown = names.Where(n => n != Rest && !known.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            notes?.Add($"The uiSchema's \"{Key}\" {UiNode.Describe(place)} names {Quote(unknown)}, which the schema does not define there; {(unknown.Count == 1 ? "it is" : "they are")} skipped.");
        }

        if (names.Count(n => n == Rest) > 1)
        {
            notes?.Add($"The uiSchema's \"{Key}\" {UiNode.Describe(place)} has more than one \"*\"; the first stands for the properties it does not list.");
        }

        var ordered = fields.Where(f => !f.Inline).ToList();
        var listed = names.Where(n => n == Rest || ordered.Any(f => f.Name == n)).Distinct(StringComparer.Ordinal).ToList();
        var others = ordered.Where(f => !listed.Contains(f.Name)).ToList();
        if (!listed.Contains(Rest))
        {
            if (others.Count > 0)
            {
                notes?.Add($"The uiSchema's \"{Key}\" {UiNode.Describe(place)} does not list {Quote([.. others.Select(f => f.Name)])} and has no \"*\"; {(others.Count == 1 ? "it follows" : "they follow")} the listed fields.");
            }

            listed.Add(Rest);
        }

        var result = new List<FormField>(fields.Count);
        foreach (var name in listed)
        {
            result.AddRange(name == Rest ? others : ordered.Where(f => f.Name == name));
        }

        // Inline alternatives have no name of their own: their chooser stays after the object's own fields.
        result.AddRange(fields.Where(f => f.Inline));
        return result;
    }

    private static string Quote(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
