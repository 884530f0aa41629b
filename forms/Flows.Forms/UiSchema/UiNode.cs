using System.Text.Json.Nodes;

namespace Flows.Forms.UiSchema;

/// <summary>
/// One object of a uiSchema: its <c>ui:</c> settings, with the ones given inside <c>ui:options</c>
/// unpacked as rjsf does (<c>{"ui:options": {"widget": "radio"}}</c> is <c>ui:widget</c>; a key written
/// directly wins over the same key in <c>ui:options</c>), and its other keys, which name children.
/// </summary>
internal sealed class UiNode
{
    public const string OptionsKey = "ui:options";

    private readonly HashSet<string> _fromOptions;

    private UiNode(IReadOnlyList<(string Key, JsonNode? Value)> settings, IReadOnlyList<(string Name, JsonNode? Value)> children, string place, HashSet<string> fromOptions)
    {
        _fromOptions = fromOptions;
        Settings = settings;
        Children = children;
        Place = place;
    }

    /// <summary>The settings, keyed <c>ui:xxx</c>, in the order they apply.</summary>
    public IReadOnlyList<(string Key, JsonNode? Value)> Settings { get; }

    /// <summary>How notes name a setting: as written, <c>"ui:help"</c>, or <c>"help" in ui:options</c>.</summary>
    public string Spelling(string key) => _fromOptions.Contains(key) ? $"\"{key[3..]}\" in {OptionsKey}" : $"\"{key}\"";

    /// <summary>The keys that are not settings: property names, or <c>items</c> for a list's rows.</summary>
    public IReadOnlyList<(string Name, JsonNode? Value)> Children { get; }

    /// <summary>Where this object is in the uiSchema, as a JSON Pointer ("" for the top level).</summary>
    public string Place { get; }

    public static UiNode Of(JsonObject node, string place)
    {
        var settings = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (node[OptionsKey] is JsonObject options)
        {
            foreach (var (key, value) in options)
            {
                settings[$"ui:{key}"] = value;
            }
        }

        var fromOptions = settings.Keys.ToHashSet(StringComparer.Ordinal);
        var children = new List<(string, JsonNode?)>();
        foreach (var (key, value) in node)
        {
            if (key == OptionsKey && value is JsonObject)
            {
                continue;
            }

            if (key.StartsWith("ui:", StringComparison.Ordinal))
            {
                settings[key] = value;
                fromOptions.Remove(key);
            }
            else
            {
                children.Add((key, value));
            }
        }

        return new UiNode([.. settings.Select(s => (s.Key, s.Value))], children, place, fromOptions);
    }

    public JsonNode? Child(string name) => Children.FirstOrDefault(c => c.Name == name).Value;

    public string ChildPlace(string name) => JsonPointers.Property(Place, name);

    /// <summary>"at /tasks/items/details of the uiSchema", for notes.</summary>
    public static string Describe(string place) => place.Length == 0 ? "at the top level of the uiSchema" : $"at {place} of the uiSchema";
}
