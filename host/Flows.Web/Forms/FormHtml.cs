using System.Globalization;
using System.Net;
using System.Text;
using Flows.Host.Forms;

namespace Flows.Web.Forms;

/// <summary>
/// Renders an account form as plain HTML that works without JavaScript. Every piece of text from a
/// schema, a plugin or a user is HTML-encoded; inputs have labels, help and errors are tied to them
/// with aria-describedby; secrets are never written back (a stored one shows as "set").
/// </summary>
public static class FormHtml
{
    /// <summary>The form's fields as HTML (no &lt;form&gt; element: the page decides action and buttons).</summary>
    /// <param name="values">What to show in the inputs (a post being corrected, or an account being edited).</param>
    /// <param name="errors">Messages by post name, shown next to their fields.</param>
    /// <param name="storedSecrets">Post names of secrets the account already has.</param>
    public static string Fields(AccountForm form, FormValues? values = null, FormErrors? errors = null, IReadOnlySet<string>? storedSecrets = null)
    {
        var writer = new Writer(values ?? new FormValues(), errors ?? new FormErrors(), storedSecrets ?? new HashSet<string>());
        writer.Field(form.Label, form.Label.Path);
        foreach (var field in form.Schema.Model.Fields)
        {
            writer.Field(field, field.Path);
        }

        return writer.ToString();
    }

    /// <summary>A standalone preview page of the form (<c>flows forms render --html</c>).</summary>
    public static string PreviewPage(AccountForm form, string css)
    {
        var title = Encode(form.Schema.Model.Title ?? form.AccountTypeTitle);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} — Flows form preview</title><style>{css}</style></head>
            <body><main><h1>{title}</h1>
            {(form.Schema.Model.Description is { } d ? $"<p class=\"help\">{Encode(d)}</p>" : string.Empty)}
            <form method="post" novalidate>
            {DefaultAction()}
            {Fields(form)}
            <div class="actions"><button type="submit" name="action" value="save-and-validate">Save &amp; Validate</button>
            <button type="submit" name="action" value="apply">Apply</button>
            <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
            </form></main></body></html>
            """;
    }

    /// <summary>
    /// The button Enter in a text field presses: the first submit button of a form is its default, so
    /// this one goes before any row button and does the primary action (Save &amp; Validate, or Apply
    /// where the connector cannot check). Out of sight and out of the tab order.
    /// </summary>
    public static string DefaultAction(string? busy = null, bool validate = true) =>
        validate
            ? "<button type=\"submit\" name=\"action\" value=\"save-and-validate\" class=\"visually-hidden\" tabindex=\"-1\" aria-hidden=\"true\""
                + (busy is null ? string.Empty : $" data-busy=\"{Encode(busy)}\"") + ">Save &amp; Validate</button>"
            : "<button type=\"submit\" name=\"action\" value=\"apply\" class=\"visually-hidden\" tabindex=\"-1\" aria-hidden=\"true\">Apply</button>";

    /// <summary>The id of a field's input (or of a list's fieldset), for links to it.</summary>
    public static string IdOf(string path) => Writer.Id(path);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class Writer(FormValues values, FormErrors errors, IReadOnlySet<string> storedSecrets)
    {
        private readonly StringBuilder _html = new();

        public override string ToString() => _html.ToString();

        public void Field(FormField field, string path)
        {
            if (field.Hidden)
            {
                return;
            }

            if (field.VisibleWhen is { } condition && ControlOf(field, path, condition) is { } control)
            {
                // Shown in full without JavaScript (the server ignores it when the condition does not hold); the script hides it.
                var keys = condition.Values.Select(v => v is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : v?.ToJsonString() ?? "null");
                _html.Append("<div class=\"conditional\" data-when=\"").Append(Encode(control)).Append("\" data-when-values=\"")
                    .Append(Encode(System.Text.Json.JsonSerializer.Serialize(keys.ToArray(), FormHtmlJson.Default.StringArray))).Append('"')
                    .Append(condition.Negated ? " data-when-not" : string.Empty).Append('>');
                Kinds(field, path);
                _html.Append("</div>");
                return;
            }

            Kinds(field, path);
        }

        // The post name of the sibling a condition looks at: the field's own name swapped for the sibling's.
        private static string? ControlOf(FormField field, string path, FieldCondition condition)
        {
            var own = FormPath.Escape(field.Name);
            if (path == own)
            {
                return FormPath.Property(string.Empty, condition.Property);
            }

            return path.EndsWith("." + own, StringComparison.Ordinal)
                ? FormPath.Property(path[..^(own.Length + 1)], condition.Property)
                : null;
        }

        private void Kinds(FormField field, string path)
        {
            switch (field.Kind)
            {
                case FieldKind.Group:
                    _html.Append("<fieldset class=\"group\"><legend>").Append(Encode(field.Title)).Append("</legend>");
                    Help(field, path);
                    foreach (var child in field.Fields)
                    {
                        Field(child, FormPath.Rebase(child.Path, field.Path, path));
                    }

                    _html.Append("</fieldset>");
                    break;
                case FieldKind.Variant:
                    Variant(field, path);
                    break;
                case FieldKind.List:
                    List(field, path);
                    break;
                default:
                    Input(field, path);
                    break;
            }
        }

        private void Variant(FormField field, string path)
        {
            var selector = FormPath.VariantSelector(path);
            var chosen = int.TryParse(values.Last(selector), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;
            _html.Append("<fieldset class=\"variant\"><legend>").Append(Encode(field.Title)).Append("</legend>");
            for (var i = 0; i < field.Variants.Count; i++)
            {
                var id = Id(selector) + "-" + i.ToString(CultureInfo.InvariantCulture);
                _html.Append("<label class=\"choice\"><input type=\"radio\" name=\"").Append(Encode(selector)).Append("\" id=\"").Append(id)
                    .Append("\" value=\"").Append(i.ToString(CultureInfo.InvariantCulture)).Append('"').Append(i == chosen ? " checked" : string.Empty).Append("> ")
                    .Append(Encode(field.Variants[i].Title)).Append("</label>");
            }

            // Every option's fields stay in the page, so switching back and forth loses nothing typed.
            for (var i = 0; i < field.Variants.Count; i++)
            {
                _html.Append("<div class=\"option\" data-option=\"").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\">");
                foreach (var child in field.Variants[i].Fields)
                {
                    Field(child, FormPath.Rebase(child.Path, field.Path, path));
                }

                _html.Append("</div>");
            }

            _html.Append("</fieldset>");
        }

        private void List(FormField field, string path)
        {
            var id = Id(path);
            var required = field.Required || field.MinItems > 0;
            var described = new List<string>();
            if (field.Help is { Length: > 0 })
            {
                described.Add(id + "-help");
            }

            errors.Fields.TryGetValue(path, out var messages);
            if (messages is not null)
            {
                described.Add(id + "-error");
            }

            _html.Append("<fieldset class=\"list\" id=\"").Append(id).Append('"');
            if (described.Count > 0)
            {
                _html.Append(" aria-describedby=\"").Append(string.Join(' ', described)).Append('"');
            }

            _html.Append("><legend>").Append(Encode(field.Title));
            if (required)
            {
                _html.Append(" <span class=\"required\" aria-hidden=\"true\">*</span>");
            }

            _html.Append("</legend>");
            Help(field, path);
            if (messages is not null)
            {
                _html.Append("<p class=\"error\" id=\"").Append(id).Append("-error\" role=\"alert\">")
                    .Append(string.Join(" ", messages.Select(Encode))).Append("</p>");
            }

            // A list that may be empty starts with no row; one that may not offers its first row.
            var rows = values.RowsOf(path);
            var shown = rows.Count > 0 || !required ? rows : [0];
            foreach (var row in shown)
            {
                var item = FormPath.ListItem(path, row);
                _html.Append("<div class=\"row\">");
                if (FormBinder.HasRowMark(field.Item!) && values.Last(item) is { Length: > 0 } mark)
                {
                    _html.Append("<input type=\"hidden\" name=\"").Append(Encode(item)).Append("\" value=\"").Append(Encode(mark)).Append("\">");
                }

                Field(field.Item!, item);
                _html.Append("<button type=\"submit\" class=\"secondary\" name=\"remove-row\" value=\"").Append(Encode(item))
                    .Append("\" formnovalidate>Remove ").Append(Encode(field.Item!.Title)).Append(' ').Append((row + 1).ToString(CultureInfo.InvariantCulture)).Append("</button></div>");
            }

            var next = (shown.Count == 0 ? 0 : shown[^1] + 1).ToString(CultureInfo.InvariantCulture);
            _html.Append("<button type=\"submit\" name=\"add-row\" value=\"").Append(Encode(path)).Append("\" data-next=\"").Append(next).Append("\">Add a row</button>");
            _html.Append("</fieldset>");
        }

        private void Input(FormField field, string path)
        {
            var id = Id(path);
            var described = new List<string>();
            _html.Append(field.Kind == FieldKind.Boolean ? "<div class=\"field field-boolean\"><label for=\"" : "<div class=\"field\"><label for=\"").Append(id).Append("\">").Append(Encode(field.Title));
            if (field.Required)
            {
                _html.Append(" <span class=\"required\" aria-hidden=\"true\">*</span>");
            }

            _html.Append("</label>");
            if (field.Help is { Length: > 0 } help)
            {
                described.Add(id + "-help");
                _html.Append("<p class=\"help\" id=\"").Append(id).Append("-help\">").Append(Encode(help)).Append("</p>");
            }

            var stored = field.Secret && storedSecrets.Contains(path);
            if (stored)
            {
                described.Add(id + "-set");
                _html.Append("<p class=\"secret-set\" id=\"").Append(id).Append("-set\">Set — leave empty to keep. ")
                    .Append("<label><input type=\"checkbox\" name=\"").Append(Encode(FormPath.ClearSecret(path))).Append("\" value=\"true\"> Clear it</label></p>");
            }

            if (errors.Fields.TryGetValue(path, out var messages))
            {
                described.Add(id + "-error");
                _html.Append("<p class=\"error\" id=\"").Append(id).Append("-error\" role=\"alert\">")
                    .Append(string.Join(" ", messages.Select(Encode))).Append("</p>");
            }

            var common = new StringBuilder();
            common.Append(" id=\"").Append(id).Append("\" name=\"").Append(Encode(path)).Append('"');
            if (described.Count > 0)
            {
                common.Append(" aria-describedby=\"").Append(string.Join(' ', described)).Append('"');
            }

            if (messages is not null)
            {
                common.Append(" aria-invalid=\"true\"");
            }

            if (field.Required && !stored)
            {
                common.Append(" required");
            }

            if (field.ReadOnly)
            {
                common.Append(" readonly");
            }

            // A secret's value is never written into the page, whatever was posted or stored.
            var value = field.Secret ? null : values.Last(path) ?? DefaultText(field);
            switch (field.Kind)
            {
                case FieldKind.Boolean:
                    _html.Append("<input type=\"hidden\" name=\"").Append(Encode(path)).Append("\" value=\"false\">")
                        .Append("<input type=\"checkbox\" value=\"true\"").Append(common).Append(value == "true" ? " checked" : string.Empty).Append('>');
                    break;
                case FieldKind.Choice:
                    _html.Append("<select").Append(common).Append('>');
                    if (!field.Required)
                    {
                        _html.Append("<option value=\"\"></option>");
                    }

                    foreach (var option in field.Options)
                    {
                        _html.Append("<option value=\"").Append(Encode(option.Key)).Append('"').Append(option.Key == value ? " selected" : string.Empty)
                            .Append('>').Append(Encode(option.Label)).Append("</option>");
                    }

                    _html.Append("</select>");
                    break;
                case FieldKind.RawJson:
                case FieldKind.Text when field.Format == TextFormat.Multiline:
                    _html.Append("<textarea").Append(common).Append(field.Secret ? " autocomplete=\"off\"" : string.Empty).Append('>')
                        .Append(Encode(value ?? string.Empty)).Append("</textarea>");
                    if (field.Note is { } note)
                    {
                        _html.Append("<p class=\"note\">Edited as JSON: ").Append(Encode(note)).Append("</p>");
                    }

                    break;
                default:
                    _html.Append("<input type=\"").Append(InputType(field)).Append('"').Append(common);
                    if (value is not null)
                    {
                        _html.Append(" value=\"").Append(Encode(value)).Append('"');
                    }

                    if (field.Placeholder is { } placeholder && !field.Secret)
                    {
                        _html.Append(" placeholder=\"").Append(Encode(placeholder)).Append('"');
                    }

                    _html.Append(field.Secret ? " autocomplete=\"new-password\"" : string.Empty).Append('>');
                    break;
            }

            _html.Append("</div>");
        }

        private void Help(FormField field, string path)
        {
            if (field.Help is { Length: > 0 } help)
            {
                _html.Append("<p class=\"help\" id=\"").Append(Id(path)).Append("-help\">").Append(Encode(help)).Append("</p>");
            }
        }

        private static string? DefaultText(FormField field) => field.Default switch
        {
            null => null,
            var d when field.Kind == FieldKind.Choice => field.Options.FirstOrDefault(o => System.Text.Json.Nodes.JsonNode.DeepEquals(o.Value, d))?.Key,
            var d when d.GetValueKind() == System.Text.Json.JsonValueKind.String => d.GetValue<string>(),
            var d => d.ToJsonString(),
        };

        private static string InputType(FormField field) => field.Secret ? "password" : field.Kind switch
        {
            FieldKind.WholeNumber or FieldKind.Number => "number",

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

        // Ids derived from post names one to one, using only characters that are safe anywhere in HTML.
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
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class FormHtmlJson : System.Text.Json.Serialization.JsonSerializerContext;
