using System.Globalization;
using System.Text;
using Flows.Forms;

namespace Flows.Forms.AspNetCore;

/// <summary>Ids, input types and default texts of fields: the small decisions every field component shares.</summary>
public static class FieldText
{
    /// <summary>Ids derived from post names one to one, using only characters that are safe anywhere in HTML.</summary>
    public static string Id(string path)
    {
        var builder = new StringBuilder("f-");
        foreach (var c in path)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The text an input for <paramref name="field"/> starts with (see <see cref="FormDefaults.Of"/>).</summary>
    public static string? Default(FormField field) => FormDefaults.Of(field);

    /// <summary>The <c>type</c> of the input element for <paramref name="field"/>: <c>password</c>, <c>number</c>, <c>range</c>, <c>color</c>, <c>url</c>, <c>email</c>, <c>date</c> or <c>text</c>.</summary>
    public static string InputType(FormField field) => field.Secret ? "password" : field.Kind switch
    {
        FieldKind.WholeNumber or FieldKind.Number when field.Widget == FieldWidget.Range && field.Minimum is not null && field.Maximum is not null => "range",
        FieldKind.WholeNumber or FieldKind.Number => "number",
        FieldKind.Text when field.Widget == FieldWidget.Color && field.Pattern is null => "color",

        // Where a pattern decides, a date or e-mail input could refuse a value the pattern allows.
        _ when field.Pattern is not null => "text",
        _ => field.Format switch
        {
            TextFormat.Uri => "url",
            TextFormat.Email => "email",
            TextFormat.Date => "date",
            _ => "text",
        },
    };

    /// <summary>Whether <paramref name="field"/> is entered in a text area: text of several lines, or JSON text.</summary>
    public static bool IsMultiline(FormField field) =>
        field.Kind == FieldKind.RawJson || (field.Kind == FieldKind.Text && field.Format == TextFormat.Multiline);

    /// <summary>A field that holds a PEM file's text (a certificate or key), so a file picked from disk can fill it.</summary>
    public static bool LooksLikePem(FormField field)
    {
        if (field.Kind != FieldKind.Text || field.Format != TextFormat.Multiline)
        {
            return false;
        }

        if (field.Secret)
        {
            return true;
        }

        var words = $"{field.Title} {field.Help} {field.Name}";
        return words.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            || words.Contains("PEM", StringComparison.Ordinal)
            || words.Contains("private key", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Optional means collapsible: not required, and not required by another field's presence.</summary>
    public static bool IsOptional(FormField field) =>
        !field.Required && field.RequiredWhenPresent.Count == 0 && !(field.Kind == FieldKind.List && field.MinItems > 0);
}
