using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Forms;

namespace Flows.Authoring;

/// <summary>
/// What a careful person might type into a form, used by <c>flows forms check</c> to prove that a
/// schema's form round-trips to a valid instance. Each field has candidates in order — its default,
/// its examples, a value generated for its type, format, bounds and pattern, and finally nothing
/// (when optional); a check moves a field to its next candidate when the current one is refused.
/// </summary>
public static class SampleValues
{
    /// <summary>The values, with <paramref name="attempts"/> naming which candidate each field (by post name) is on.</summary>
    public static FormValues For(FormModel model, IReadOnlyDictionary<string, int>? attempts = null)
    {
        var values = new FormValues();
        foreach (var field in model.Fields)
        {
            Fill(field, field.Path, values, attempts ?? new Dictionary<string, int>());
        }

        return values;
    }

    /// <summary>Whether the field at <paramref name="path"/> has a candidate after <paramref name="attempt"/>.</summary>
    public static bool HasCandidate(FormField field, int attempt) => attempt < Candidates(field).Count;

    private static void Fill(FormField field, string path, FormValues values, IReadOnlyDictionary<string, int> attempts)
    {
        if (field.Hidden || field.ReadOnly)
        {
            return;
        }

        switch (field.Kind)
        {
            case FieldKind.Group:
                foreach (var child in field.Fields)
                {
                    Fill(child, FormPath.Rebase(child.Path, field.Path, path), values, attempts);
                }

                break;
            case FieldKind.List:
                var rows = Math.Max(field.MinItems ?? 1, 1);
                for (var row = 0; row < rows; row++)
                {
                    Fill(field.Item!, FormPath.ListItem(path, row), values, attempts);
                }

                break;
            case FieldKind.Variant:
                // The first option a person could pick (hidden ones are never offered).
                var option = Math.Max(0, field.Variants.ToList().FindIndex(v => !v.Hidden));
                values.Add(FormPath.VariantSelector(path), option.ToString(CultureInfo.InvariantCulture));
                foreach (var child in field.Variants[option].Fields)
                {
                    Fill(child, FormPath.Rebase(child.Path, field.Path, path), values, attempts);
                }

                break;
            default:
                var candidates = Candidates(field);
                var index = attempts.TryGetValue(path, out var attempt) ? Math.Min(attempt, candidates.Count - 1) : 0;
                if (candidates.Count > 0 && candidates[index] is { } value)
                {
                    values.Add(path, value);
                }

                break;
        }
    }

    private static List<string?> Candidates(FormField field)
    {
        var candidates = new List<string?>();
        void Add(string? value)
        {
            if (value is not null && !candidates.Contains(value))
            {
                candidates.Add(value);
            }
        }

        if (field.Default is { } preset)
        {
            Add(AsPosted(field, preset));
        }

        foreach (var example in field.Examples)
        {
            Add(example is null ? null : AsPosted(field, example));
        }

        foreach (var generated in Generated(field))
        {
            Add(generated);
        }

        if (!field.Required || candidates.Count == 0)
        {
            candidates.Add(null);
        }

        return candidates;
    }

    private static string? AsPosted(FormField field, JsonNode value) => field.Kind switch
    {
        FieldKind.Choice => field.Options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, value))?.Key,
        FieldKind.Text => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null,
        _ => value.ToJsonString(),
    };

    private static IEnumerable<string> Generated(FormField field)
    {
        switch (field.Kind)
        {
            case FieldKind.Text:
                if (field.Pattern is { } pattern && PatternSample.TryGenerate(pattern, field.MinLength, field.MaxLength) is { } matching)
                {
                    yield return matching;
                }

                yield return Fit(field, TextSample(field));
                break;
            case FieldKind.WholeNumber:
                yield return Whole(field).ToString(CultureInfo.InvariantCulture);
                break;
            case FieldKind.Number:
                yield return Decimal(field).ToString(CultureInfo.InvariantCulture);
                break;
            case FieldKind.Boolean:
                yield return "false";
                yield return "true";
                break;
            case FieldKind.Choice:
                foreach (var option in field.Options.Take(3))
                {
                    yield return option.Key;
                }

                break;
            case FieldKind.RawJson:
                yield return "{}";
                yield return "[]";
                yield return "\"sample\"";
                yield return "1";
                break;
        }
    }

    private static string TextSample(FormField field) => field.Format switch
    {
        TextFormat.Uri => "https://example.com/",
        TextFormat.Email => "user@example.com",
        TextFormat.Date => "2025-01-31",
        TextFormat.DateTime => "2025-01-31T09:30:00Z",
        TextFormat.Time => "09:30:00Z",
        TextFormat.Hostname => "example.com",
        TextFormat.IPv4 => "192.0.2.1",
        TextFormat.IPv6 => "2001:db8::1",
        TextFormat.Uuid => "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        _ => field.Secret ? "sample-secret" : "sample",
    };

    private static string Fit(FormField field, string text)
    {
        if (field.MinLength is { } min && text.Length < min)
        {
            text = text.PadRight(min, 'x');
        }

        return field.MaxLength is { } max && text.Length > max ? text[..max] : text;
    }

    private static long Whole(FormField field)
    {
        var value = field.Minimum is { } min ? (long)Math.Ceiling(min) + (field.ExclusiveMinimum ? 1 : 0) : 1;
        if (field.Maximum is { } max && value > max)
        {
            value = (long)Math.Floor(max) - (field.ExclusiveMaximum ? 1 : 0);
        }

        return value;
    }

    private static decimal Decimal(FormField field)
    {
        var value = field.Minimum is { } min ? min + (field.ExclusiveMinimum ? 0.5m : 0) : 1;
        if (field.Maximum is { } max && value > max)
        {
            value = max - (field.ExclusiveMaximum ? 0.5m : 0);
        }

        return value;
    }
}
