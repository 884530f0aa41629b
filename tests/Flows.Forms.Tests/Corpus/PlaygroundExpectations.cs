using System.Text.Json.Nodes;

namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// What is known about the rjsf playground samples beyond "it loads and its data comes back exactly":
/// the samples the engine does not take and where data comes back different, each with why. The form
/// engine's tests and the browser tests (which link this file) hold the samples to the same tables.
/// </summary>
public static class PlaygroundExpectations
{
    /// <summary>Samples the engine does not take, and why. Every other sample must load.</summary>
    public static IReadOnlyDictionary<string, string> Outside { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["single"] = "its root is a string: a form here is an object of fields (an account), and its data is a JSON object",
        ["customArray"] = "its root is an array: a form here is an object of fields (an account), and its data is a JSON object",
    };

    /// <summary>
    /// Where a sample's data comes back from a form different from what went in (by JSON Pointer), and why.
    /// Every other loaded sample's data must come back exactly.
    /// </summary>
    public static IReadOnlyDictionary<string, (string[] Pointers, string Why)> RoundTripDifferences { get; } = new Dictionary<string, (string[] Pointers, string Why)>(StringComparer.Ordinal)
    {
        ["additionalProperties"] = (["/assKickCount"], "a key only additionalProperties allows is no field of the form; the form does not carry it"),
        ["options"] = (["/age", "/bio", "/password"], "the sample's data has properties its schema does not define (the uiSchema still has entries for them)"),
        ["defaults"] = (["/noValuesInFormData"], "rows that are empty objects hold nothing to save, and an object left with nothing is left out"),
        ["errors"] = (["/active"], "\"wrong\" is not a yes/no, which a checkbox cannot show (the sample is invalid on purpose)"),
        ["nullable"] = (["/bio"], "a null is shown as an empty field, and an empty field is left out"),
        ["widgets"] = (["/disabled", "/readonly", "/readonly2"], "a disabled field holds what was saved, else its default, and a read-only one its default when nothing is posted for it; the sample's data has neither"),
    };

    /// <summary>The sample's pointers the table expects to come back different (none for most).</summary>
    public static string[] DifferencesOf(string name) =>
        RoundTripDifferences.TryGetValue(name, out var explained) ? explained.Pointers : [];

    /// <summary>The JSON Pointers at which two values differ, as deep as both are objects.</summary>
    public static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string at = "")
    {
        if (expected is JsonObject left && actual is JsonObject right)
        {
            return left.Select(p => p.Key).Union(right.Select(p => p.Key))
                .SelectMany(key => left.ContainsKey(key) && right.ContainsKey(key)
                    ? Differences(left[key], right[key], $"{at}/{key}")
                    : [$"{at}/{key}"]);
        }

        return JsonNode.DeepEquals(expected, actual) ? [] : [at];
    }
}
