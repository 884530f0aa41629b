namespace Flows.Forms.UiSchema;

/// <summary>
/// rjsf's built-in <c>ui:widget</c> names (and their registry names, "RadioWidget"…) and what each one
/// makes of a field: a <see cref="FieldWidget"/>, a <see cref="TextFormat"/>, a secret or a hidden field.
/// A widget that does not fit the field's kind leaves the field as it is, with the reason.
/// </summary>
internal static class UiWidgets
{
    private static readonly Dictionary<string, string> RegistryNames = new(StringComparer.Ordinal)
    {
        ["TextWidget"] = "text",
        ["TextareaWidget"] = "textarea",
        ["PasswordWidget"] = "password",
        ["HiddenWidget"] = "hidden",
        ["DateWidget"] = "date",
        ["DateTimeWidget"] = "datetime",
        ["TimeWidget"] = "time",
        ["EmailWidget"] = "email",
        ["URLWidget"] = "uri",
        ["UpDownWidget"] = "updown",
        ["RangeWidget"] = "range",
        ["RadioWidget"] = "radio",
        ["SelectWidget"] = "select",
        ["CheckboxWidget"] = "checkbox",
        ["CheckboxesWidget"] = "checkboxes",
        ["ColorWidget"] = "color",
        ["AltDateWidget"] = "alt-date",
        ["AltDateTimeWidget"] = "alt-datetime",
    };

    /// <summary>The widget's effect on <paramref name="field"/>, or why it cannot be used there (the field is then unchanged).</summary>
    public static (FormField Field, string? Problem) Apply(FormField field, string name)
    {
        var widget = RegistryNames.GetValueOrDefault(name, name);
        var isText = field.Kind == FieldKind.Text;
        var isNumber = field.Kind is FieldKind.WholeNumber or FieldKind.Number;
        return widget switch
        {
            "text" when isText => Fits(field with { Widget = FieldWidget.Default, Format = field.Format == TextFormat.Multiline ? TextFormat.Plain : field.Format }),
            "text" when isNumber => Fits(field with { Widget = FieldWidget.Default }),
            "textarea" when isText => Fits(field with { Widget = FieldWidget.Default, Format = TextFormat.Multiline }),
            "password" when isText => Fits(field with { Secret = true }),
            "hidden" => Fits(field with { Hidden = true }),
            "date" or "alt-date" when isText => Fits(field with { Format = TextFormat.Date }),
            "datetime" or "alt-datetime" when isText => Fits(field with { Format = TextFormat.DateTime }),
            "time" when isText => Fits(field with { Format = TextFormat.Time }),
            "email" when isText => Fits(field with { Format = TextFormat.Email }),
            "uri" or "url" when isText => Fits(field with { Format = TextFormat.Uri }),
            "updown" when isNumber => Fits(field with { Widget = FieldWidget.Default }),
            "range" when isNumber => Fits(field with { Widget = FieldWidget.Range }),
            "radio" when field.Kind is FieldKind.Choice or FieldKind.Boolean => Fits(field with { Widget = FieldWidget.Radio }),
            "select" when field.Kind == FieldKind.Boolean => Fits(field with { Widget = FieldWidget.Select }),
            "select" when field.Kind == FieldKind.Choice || field.IsChoiceSet => Fits(field with { Widget = FieldWidget.Default }),
            "checkbox" when field.Kind == FieldKind.Boolean => Fits(field with { Widget = FieldWidget.Default }),
            "checkboxes" when field.IsChoiceSet => Fits(field with { Widget = FieldWidget.Checkboxes }),
            "color" when isText => Fits(field with { Widget = FieldWidget.Color }),
            "text" or "textarea" or "password" or "date" or "alt-date" or "datetime" or "alt-datetime" or "time" or "email" or "uri" or "url"
                or "updown" or "range" or "radio" or "select" or "checkbox" or "checkboxes" or "color"
                => (field, $"the widget \"{name}\" does not fit {KindText(field)}"),
            "file" or "FileWidget" => (field, $"the widget \"{name}\" (file upload) is not available here"),
            _ => (field, $"\"{name}\" is not one of rjsf's built-in widgets (custom widgets cannot be drawn here)"),
        };

        static (FormField, string?) Fits(FormField changed) => (changed, null);
    }

    private static string KindText(FormField field) => field.Kind switch
    {
        FieldKind.Text => "a text field",
        FieldKind.WholeNumber => "a whole-number field",
        FieldKind.Number => "a number field",
        FieldKind.Boolean => "a yes/no field",
        FieldKind.Choice => "a field of one choice",
        FieldKind.List when field.IsChoiceSet => "a set of choices",
        FieldKind.List => "a list",
        FieldKind.Group => "a group of fields",
        FieldKind.Variant => "a field of alternatives",
        _ => "a field edited as JSON",
    };
}
