using Flows.Forms;

namespace Flows.Web.Api;

/// <summary>
/// Re-keys form errors (by post name) as JSON Pointers into the request body: the label is
/// <c>/label</c>, a field is under <c>/values</c>, and what concerns the request as a whole is <c>""</c>.
/// </summary>
internal static class ErrorPointers
{
    public const string Label = "/label";

    public const string Values = "/values";

    public const string Whole = "";

    /// <param name="except">Form-level messages said elsewhere (the verdict's own message), left out.</param>
    public static Dictionary<string, IReadOnlyList<string>> From(FormErrors errors, string? except = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (path, messages) in errors.Fields)
        {
            foreach (var message in messages)
            {
                Add(result, ToPointer(path), message);
            }
        }

        foreach (var message in errors.Form.Where(m => m != except))
        {
            Add(result, Whole, message);
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Errors found in the request's values (pointers within them), moved under <c>/values</c>.</summary>
    public static Dictionary<string, IReadOnlyList<string>> UnderValues(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        errors.ToDictionary(p => Values + p.Key, p => p.Value, StringComparer.Ordinal);

    public static string ToPointer(string postName) =>
        FormPath.ToPointer(postName) is { } pointer ? Values + pointer : Label;

    private static void Add(Dictionary<string, List<string>> result, string pointer, string message)
    {
        if (!result.TryGetValue(pointer, out var list))
        {
            result[pointer] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }
}
