using System.Text.Json;
using Json.Schema;

namespace Flows.Forms;

/// <summary>
/// Puts each validation error next to the field it belongs to, in words. Errors about values that
/// no visible field holds (the alternatives not chosen, unknown properties) go to the form as a whole,
/// or are dropped when they only concern alternatives the user did not pick.
/// </summary>
internal static class ErrorMapper
{
    public static void Map(EvaluationResults results, BindResult bound, FormErrors errors)
    {
        var byPath = bound.Fields.Values.GroupBy(v => v.Path).ToDictionary(g => g.Key, g => g.First().Field, StringComparer.Ordinal);
        var pending = new List<string>();
        Walk(results, bound, byPath, errors, pending);
        if (errors.IsEmpty)
        {
            // Nothing could be tied to a field: say what the validator said, once.
            foreach (var message in pending.Distinct().Take(5))
            {
                errors.AddForm(message);
            }
        }

        if (errors.IsEmpty && Silent(results) is { } rule)
        {
            // The validator refused without saying why anywhere a form can show: still a refusal.
            errors.AddForm($"The values are not accepted by this form's schema, which gives no reason to show (the rule at {rule}).");
        }
    }

    // The failing rule that said nothing: a failing node none of whose parts failed. Null when the only
    // such failures are options that overlap, which a form decides by the option the person chose.
    private static string? Silent(EvaluationResults node)
    {
        if (OverlappingOptions(node))
        {
            return null;
        }

        var failing = node.Details?.Where(child => !child.IsValid).ToList() ?? [];
        if (failing.Count == 0)
        {
            return node.EvaluationPath.ToString() is { Length: > 0 } path ? path : "/";
        }

        return failing.Select(Silent).FirstOrDefault(path => path is not null);
    }

    // A oneOf that failed only because more than one of its options holds: published specs often offer
    // options told apart by nothing but which one is chosen (an option asking for more fields also
    // satisfies the one asking for fewer). The form knows which one the person chose.
    private static bool OverlappingOptions(EvaluationResults node) =>
        !node.IsValid && node.Errors is not { Count: > 0 }
        && node.Details?.Count(child => child.IsValid && IsOption(child.EvaluationPath.ToString())) >= 2;

    private static bool IsOption(string evaluationPath) =>
        evaluationPath.LastIndexOf("/oneOf/", StringComparison.Ordinal) is var at and >= 0
        && evaluationPath.AsSpan(at + "/oneOf/".Length) is { Length: > 0 } index && int.TryParse(index, out _);

    private static void Walk(EvaluationResults node, BindResult bound, Dictionary<string, FormField> byPath, FormErrors errors, List<string> pending)
    {
        if (node.IsValid)
        {
            // Whatever failed below a passing node (say, the other options of a satisfied oneOf) is not a problem.
            return;
        }

        if (node.Errors is { Count: > 0 })
        {
            var pointer = node.InstanceLocation.ToString();
            foreach (var (keyword, message) in node.Errors)
            {
                MapOne(pointer, keyword, message, node, bound, byPath, errors, pending);
            }
        }
        else if (node.Details?.Any(RuledOut) == true)
        {
            // A failing "not" leaves no message of its own: the value matched what the schema rules out.
            MapOne(node.InstanceLocation.ToString(), "not", "the value is one the schema rules out", node, bound, byPath, errors, pending);
        }

        if (node.Details is { } details)
        {
            // What fails under a "not" is what the "not" wants to fail: never a problem to show.
            foreach (var child in details.Where(child => !IsNot(child)))
            {
                Walk(child, bound, byPath, errors, pending);
            }
        }
    }

    private static void MapOne(string pointer, string keyword, string message, EvaluationResults node, BindResult bound, Dictionary<string, FormField> byPath, FormErrors errors, List<string> pending)
    {
        if (keyword is "required" or "dependentRequired")
        {
            foreach (var name in NamesIn(message))
            {
                var child = FormPath.PointerProperty(pointer, name);
                if (!bound.Fields.ContainsKey(child) && RawAncestor(pointer, bound) is { } raw)
                {
                    errors.AddField(raw.Path, $"{raw.Field.Title}: '{name}' is required{Where(pointer)}.");
                }
                else if (bound.Fields.TryGetValue(child, out var field))
                {
                    errors.AddField(field.Path, keyword == "required"
                        ? ErrorText.Required(field.Field)
                        : ErrorText.RequiredWith(field.Field, field.Field.RequiredWhenPresent.Select(p => byPath.GetValueOrDefault(p)?.Title).FirstOrDefault(t => t is not null)));
                }
                else
                {
                    pending.Add($"'{name}' is required{Where(pointer)}.");
                }
            }

            return;
        }

        if (keyword.Length == 0 || keyword == "false")
        {
            // additionalProperties: false (or another false schema) said no to this value.
            if (EndsWithKeyword(node.EvaluationPath.ToString(), "additionalProperties"))
            {
                errors.AddForm($"'{LastSegment(pointer)}' is not a field of this form{Where(Parent(pointer))}.");
                return;
            }

            // additionalItems: false after draft-07 tuple items: the list is longer than its positions.
            if (EndsWithKeyword(node.EvaluationPath.ToString(), "additionalItems") && RawAncestor(Parent(pointer), bound) is { } list)
            {
                errors.AddField(list.Path, $"{list.Field.Title}: has more items than the schema has positions for{Where(Parent(pointer))}.");
            }

            return;
        }

        if (bound.Fields.TryGetValue(pointer, out var visited) && ErrorText.For(visited.Field, keyword, message) is { } text)
        {
            errors.AddField(visited.Path, text);
            return;
        }

        if (RawAncestor(pointer, bound) is { } container)
        {
            // Inside a value edited as JSON: the JSON field is what the user can fix.
            var said = container.Field.Secret ? "a value inside is not accepted" : message;
            errors.AddField(container.Path, $"{container.Field.Title}: {said}{Where(pointer)}.");
            return;
        }

        pending.Add(pointer.Length == 0 ? message : $"{pointer}: {message}");
    }

    private static bool IsNot(EvaluationResults child) => EndsWithKeyword(child.EvaluationPath.ToString(), "not");

    // Whether an evaluation path's last step is the keyword, not a property (or definition) of that name.
    private static bool EndsWithKeyword(string evaluationPath, string keyword) =>
        JsonPointers.Segments(evaluationPath) is [.., var before, var last] ? last == keyword && !NameMaps.Contains(before) : evaluationPath == "/" + keyword;

    private static readonly HashSet<string> NameMaps =
        ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];

    private static bool RuledOut(EvaluationResults child) => child.IsValid && IsNot(child);

    // The nearest value at or above the pointer that is edited as raw JSON, if any.
    private static BoundField? RawAncestor(string pointer, BindResult bound)
    {
        for (var at = pointer; ; at = Parent(at))
        {
            if (bound.Fields.TryGetValue(at, out var field) && field.Field.Kind == FieldKind.RawJson)
            {
                return field;
            }

            if (at.Length == 0)
            {
                return null;
            }
        }
    }

    // The library lists missing names as a JSON array inside its message: Required properties ["a","b"] are not present.
    private static string[] NamesIn(string message)
    {
        var start = message.IndexOf('[', StringComparison.Ordinal);
        var end = message.LastIndexOf(']');
        if (start < 0 || end <= start)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(message[start..(end + 1)]) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Where(string pointer) => pointer.Length == 0 ? string.Empty : $" (in {pointer})";

    private static string Parent(string pointer) => pointer.LastIndexOf('/') is var i and > 0 ? pointer[..i] : string.Empty;

    private static string LastSegment(string pointer) => JsonPointers.Segments(pointer) is [.., var last] ? last : string.Empty;
}
