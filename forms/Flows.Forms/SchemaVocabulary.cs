using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// The UI hints the form builder reads, including the spellings other connector ecosystems already
/// use (Airbyte's <c>airbyte_secret</c>, <c>order</c>, <c>group</c>…). Documented for authors in
/// <c>schemas/account-schema.vocabulary.json</c>.
/// </summary>
internal static class SchemaVocabulary
{
    /// <summary>Keywords whose meaning a form cannot express; the subtree becomes a JSON editor.</summary>
    public static readonly string[] Unsupported =
        ["patternProperties", "not", "prefixItems", "contains", "propertyNames", "dependentSchemas", "unevaluatedItems", "$dynamicRef", "$recursiveRef"];

    public static bool IsSecret(JsonObject schema) =>
        Flag(schema, "writeOnly") || Flag(schema, "x-secret") || Flag(schema, "airbyte_secret") || Flag(schema, "x-sensitive")
        || Flag(schema, "secret") || Flag(schema, "airbyte_sensitive") || Text(schema, "format") == "password";

    // A read-only const has only one possible value: nothing to ask.
    public static bool IsHidden(JsonObject schema) =>
        Flag(schema, "hidden") || Flag(schema, "x-hidden") || Flag(schema, "x-hidden-field") || Flag(schema, "airbyte_hidden") || (Flag(schema, "readOnly") && schema.ContainsKey("const"));

    public static bool AlwaysShow(JsonObject schema) => Flag(schema, "always_show") || Flag(schema, "x-always-show");

    public static bool IsMultiline(JsonObject schema) =>
        Flag(schema, "multiline") || Flag(schema, "x-multiline") || Text(schema, "x-widget") == "textarea";

    public static double? Order(JsonObject schema) => Number(schema, "order") ?? Number(schema, "x-order") ?? Number(schema, "propertyOrder");

    public static string? Section(JsonObject schema) => Text(schema, "group") ?? Text(schema, "x-group");

    /// <summary>
    /// The root's <c>groups</c> (Airbyte: <c>[{ "id": "db", "title": "Database" }, …]</c>): each group id
    /// with its heading, in the order the sections are shown.
    /// </summary>
    public static IReadOnlyList<(string Id, string Title)> Groups(JsonObject root) =>
        root["groups"] is JsonArray groups
            ? [.. groups.OfType<JsonObject>()
                .Select(g => (Id: Text(g, "id"), Title: Text(g, "title")))
                .Where(g => g.Id is { Length: > 0 })
                .Select(g => (g.Id!, g.Title is { Length: > 0 } title ? title : SchemaFormBuilder.Humanize(g.Id!)))
                .DistinctBy(g => g.Item1, StringComparer.Ordinal)]
            : [];

    public static string? PatternDescription(JsonObject schema) =>
        Text(schema, "x-pattern-description") ?? Text(schema, "pattern_descriptor") ?? Text(schema, "x-pattern-message");

    /// <summary>Labels for <c>enum</c> values, in the same order.</summary>
    public static JsonArray? EnumLabels(JsonObject schema) => (schema["x-enumNames"] ?? schema["enumNames"]) as JsonArray;

    public static bool Flag(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static string? Text(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static double? Number(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    public static decimal? Decimal(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : null;

    public static int? Int(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
