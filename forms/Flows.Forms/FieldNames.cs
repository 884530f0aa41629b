using System.Globalization;
using System.Text;

namespace Flows.Forms;

/// <summary>
/// Field names typed by a person or a script (a command line's <c>--set name=value</c>, an API's
/// <c>values</c>): a name the form does not have is refused, never dropped, with the closest name it
/// has and the names it has, in the same words wherever the name was given.
/// </summary>
public static class FieldNames
{
    private const int MaxListed = 30;

    /// <summary>
    /// The form post name that <paramref name="given"/> stands for: a post name as the form has it
    /// (<c>host</c>, <c>ssl.mode</c>, <c>servers[0].host</c>, <c>auth@1.token</c>, the variant chooser
    /// <c>auth@</c>) or a JSON Pointer into the form's values (<c>/ssl/mode</c>, <c>/servers/0/host</c>).
    /// </summary>
    public static FieldNameMatch Resolve(FormModel model, string given)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(given);
        var inputs = Inputs(model).ToList();
        return given.StartsWith('/') ? ResolvePointer(model, inputs, given) : ResolvePostName(model, inputs, given);
    }

    /// <summary>"'x' is not a field of this form. Did you mean 'y'? Its fields: …" — for any place a name was given.</summary>
    public static string NotAField(string given, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(known);
        var message = new StringBuilder($"'{given}' is not a field of this form.");
        if (Closest(given, known) is { } suggestion)
        {
            message.Append(CultureInfo.InvariantCulture, $" Did you mean '{suggestion}'?");
        }

        message.Append(known.Count == 0 ? " It has no fields here." : $" Its fields: {List(known)}.");
        return message.ToString();
    }

    /// <summary>The known name closest to <paramref name="given"/>: the same but for case, or a few typing slips away.</summary>
    public static string? Closest(string given, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(known);
        var candidates = known.Distinct(StringComparer.Ordinal).ToList();
        if (candidates.FirstOrDefault(k => string.Equals(k, given, StringComparison.OrdinalIgnoreCase)) is { } sameButCase)
        {
            return sameButCase;
        }

        // A slip per three characters typed, at most three: "passwrd" finds "password", "url" does not find "host".
        var allowed = Math.Clamp(given.Length / 3, 1, 3);
        // Names whose lengths differ by more than that are never close; skipping them keeps a very long name cheap.
        return candidates
            .Where(k => Math.Abs(k.Length - given.Length) <= allowed)
            .Select(k => (Name: k, Distance: EditDistance(given.ToUpperInvariant(), k.ToUpperInvariant())))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>
    /// The variant options a post name is inside, as chooser values: <c>auth@1.token</c> means
    /// <c>auth@</c> = 1. A value for an option that is not chosen would be ignored.
    /// </summary>
    public static IEnumerable<(string Chooser, string Option)> ChosenOptions(string postName)
    {
        ArgumentNullException.ThrowIfNull(postName);
        for (var at = postName.IndexOf('@', StringComparison.Ordinal); at >= 0; at = postName.IndexOf('@', at + 1))
        {
            var end = at + 1;
            while (end < postName.Length && char.IsAsciiDigit(postName[end]))
            {
                end++;
            }

            if (end > at + 1)
            {
                yield return (postName[..(at + 1)], postName[(at + 1)..end]);
            }
        }
    }

    private static FieldNameMatch ResolvePostName(FormModel model, List<Input> inputs, string given)
    {
        var (template, rows) = Template(given);
        if (inputs.FirstOrDefault(i => i.Template == template) is { } input)
        {
            return FieldNameMatch.Found(Fill(template, rows), input.Field);
        }

        if (ContainerAt(model, template) is { } container)
        {
            return FieldNameMatch.Refused(Container(given, container, inputs, rows));
        }

        var known = inputs.Select(i => Fill(i.Template, rows)).ToList();
        return FieldNameMatch.Refused(NotAField(given, known));
    }

    private static FieldNameMatch ResolvePointer(FormModel model, List<Input> inputs, string given)
    {
        var segments = given.Split('/')[1..];
        var matches = new List<(Input Input, string Name)>();
        foreach (var input in inputs.Where(i => i.Field is { InstancePath.Length: > 0 } && !i.IsChooser))
        {
            var pattern = input.Field!.InstancePath.Split('/')[1..];
            if (pattern.Length != segments.Length)
            {
                continue;
            }

            var rows = new List<int>();
            var fits = true;
            for (var i = 0; i < pattern.Length && fits; i++)
            {
                if (pattern[i] == "-")
                {
                    fits = int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out var row);
                    rows.Add(row);
                }
                else
                {
                    fits = pattern[i] == segments[i];
                }
            }

            if (fits)
            {
                matches.Add((input, Fill(input.Template, rows)));
            }
        }

        switch (matches.Count)
        {
            case 1:
                return FieldNameMatch.Found(matches[0].Name, matches[0].Input.Field);
            case > 1:
                return FieldNameMatch.Refused(
                    $"'{given}' is a field of more than one option; name the option's field: {List([.. matches.Select(m => m.Name)])}.");
            default:
                var container = model.AllFields().FirstOrDefault(f => f.InstancePath == given && IsContainer(f));
                if (container is not null)
                {
                    return FieldNameMatch.Refused(Container(given, container, inputs, []));
                }

                var pointers = inputs.Where(i => i.Field is { InstancePath.Length: > 0 } && !i.IsChooser)
                    .Select(i => i.Field!.InstancePath.Replace("/-", "/0", StringComparison.Ordinal))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                return FieldNameMatch.Refused(NotAField(given, pointers));
        }
    }

    private static string Container(string given, FormField container, List<Input> inputs, IReadOnlyList<int> rows)
    {
        var inside = inputs
            .Where(i => i.Template.StartsWith(container.Path, StringComparison.Ordinal) && i.Template.Length > container.Path.Length && i.Template[container.Path.Length] is '.' or '[' or '@')
            .Select(i => Fill(i.Template, rows))
            .ToList();
        var what = container.Kind switch
        {
            FieldKind.List => "a list",
            FieldKind.Variant => "a choice of options",
            _ => "a group of fields",
        };
        return $"'{given}' is {what}, not a field: name one of its fields: {List(inside)}.";
    }

    // Every name a value can be given for: the inputs, and each variant's chooser (which option is meant).
    private static IEnumerable<Input> Inputs(FormModel model)
    {
        foreach (var field in model.AllFields())
        {
            if (field.Kind == FieldKind.Variant)
            {
                yield return new Input(FormPath.VariantSelector(field.Path), field, IsChooser: true);
            }
            else if (!IsContainer(field))
            {
                yield return new Input(field.Path, field, IsChooser: false);
            }
        }
    }

    private static bool IsContainer(FormField field) => field.Kind is FieldKind.Group or FieldKind.List or FieldKind.Variant;

    private static FormField? ContainerAt(FormModel model, string template) =>
        model.AllFields().FirstOrDefault(f => f.Path == template && IsContainer(f));

    // servers[2].host -> servers[].host and the rows [2].
    private static (string Template, List<int> Rows) Template(string name)
    {
        var rows = new List<int>();
        var template = new StringBuilder(name.Length);
        for (var at = 0; at < name.Length; at++)
        {
            var end = name[at] == '[' ? name.IndexOf(']', at) : -1;
            if (end > at + 1 && int.TryParse(name.AsSpan(at + 1, end - at - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
            {
                rows.Add(row);
                template.Append("[]");
                at = end;
            }
            else
            {
                template.Append(name[at]);
            }
        }

        return (template.ToString(), rows);
    }

    // servers[].host and the rows [2] -> servers[2].host (rows not given: 0).
    private static string Fill(string template, IReadOnlyList<int> rows)
    {
        var filled = new StringBuilder(template.Length + 4);
        var next = 0;
        for (var at = 0; at < template.Length; at++)
        {
            if (template[at] == '[' && at + 1 < template.Length && template[at + 1] == ']')
            {
                filled.Append('[').Append((next < rows.Count ? rows[next] : 0).ToString(CultureInfo.InvariantCulture)).Append(']');
                next++;
                at++;
            }
            else
            {
                filled.Append(template[at]);
            }
        }

        return filled.ToString();
    }

    private static string List(IReadOnlyCollection<string> names) =>
        names.Count <= MaxListed
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(MaxListed)) + $" and {names.Count - MaxListed} more";

    // Edits (insert, delete, replace, swap two neighbours) from one to the other: "hots" is one from "host".
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private sealed record Input(string Template, FormField? Field, bool IsChooser);
}

/// <summary>A resolved field name: the post name and its field, or why the name was refused.</summary>
public sealed record FieldNameMatch(string? PostName, FormField? Field, string? Problem)
{
    /// <summary>A name that was resolved to <paramref name="postName"/>.</summary>
    /// <param name="postName">The post name the given name stands for.</param>
    /// <param name="field">The field of that post name (for a variant chooser, the variant field), if any.</param>
    public static FieldNameMatch Found(string postName, FormField? field) => new(postName, field, null);

    /// <summary>A name that was refused, and why.</summary>
    /// <param name="problem">A sentence for the user saying what is wrong with the name.</param>
    public static FieldNameMatch Refused(string problem) => new(null, null, problem);

    /// <summary>Whether the value given for this name is a secret (never to be echoed or taken from the command line).</summary>
    public bool IsSecret => Field is { Secret: true };
}
