using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// The schema's defaults as a new form shows them: the text an input starts with, and, for values given
/// without a form (a script's <c>--set name=value</c>), the same defaults filled in where
/// nothing was given, so a script is not refused a port the form would have offered.
/// </summary>
public static class FormDefaults
{
    /// <summary>The text an input for <paramref name="field"/> starts with; for a choice, its option's key.</summary>
    public static string? Of(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Default switch
        {
            null => null,
            var d when field.Kind == FieldKind.Choice => field.Options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, d))?.Key,
            var d when d.GetValueKind() == JsonValueKind.String => d.GetValue<string>(),
            var d => d.ToJsonString(),
        };
    }

    /// <summary>
    /// <paramref name="given"/> with the default of every field it does not answer: top-level fields,
    /// fields of groups, and fields of the option of a chooser that <paramref name="given"/> picks (a
    /// chooser left unpicked stays unpicked: which way to sign in is not guessed). Lists are left as given.
    /// </summary>
    public static FormValues FillIn(FormModel model, FormValues given)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(given);
        var filled = new FormValues();
        foreach (var name in given.Names)
        {
            foreach (var value in given.All(name))
            {
                filled.Add(name, value);
            }
        }

        Fill(model.Fields, string.Empty, string.Empty, filled);
        return filled;
    }

    private static void Fill(IEnumerable<FormField> fields, string templatePrefix, string concretePrefix, FormValues values)
    {
        foreach (var field in fields.Where(f => !f.Hidden && !f.ReadOnly))
        {
            var path = FormPath.Rebase(field.Path, templatePrefix, concretePrefix);
            switch (field.Kind)
            {
                case FieldKind.Group:
                    Fill(field.Fields, field.Path, path, values);
                    break;
                case FieldKind.Variant:
                    if (int.TryParse(values.Last(FormPath.VariantSelector(path)), NumberStyles.None, CultureInfo.InvariantCulture, out var chosen)
                        && chosen < field.Variants.Count)
                    {
                        Fill(field.Variants[chosen].Fields, field.Path, path, values);
                    }

                    break;
                case FieldKind.List or FieldKind.RawJson:
                    break;
                default:
                    if (!values.Contains(path) && Of(field) is { } text)
                    {
                        values.Add(path, text);
                    }

                    break;
            }
        }
    }
}
