using System.Globalization;

namespace Flows.Forms;

/// <summary>Validation failures in words: "Login URL must be a URL", never a JSON pointer or a keyword.</summary>
internal static class ErrorText
{
    public static string? For(FormField field, string keyword, string libraryMessage)
    {
        // The validator's own words may quote the value; for a secret they are replaced by a plain verdict.
        var message = field.Secret ? "the value is not accepted" : libraryMessage;
        return OnTheField(field, keyword) ? Known(field, keyword, message) : $"{field.Title}: {message}";
    }

    private static string? Known(FormField field, string keyword, string libraryMessage) => keyword switch
    {
        "type" => WrongType(field),
        "format" => $"{field.Title} must be {FormatName(field.Format)}.",
        "pattern" => field.PatternDescription is { } description
            ? $"{field.Title} is not in the expected form ({description.TrimEnd('.')})."
            : $"{field.Title} is not in the expected form.",
        "minLength" => field.MinLength is 1 ? $"{field.Title} must not be empty." : $"{field.Title} must be at least {field.MinLength} characters long.",
        "maxLength" => $"{field.Title} must be at most {field.MaxLength} characters long.",
        "minimum" => $"{field.Title} must be at least {Number(field.Minimum)}.",
        "exclusiveMinimum" => $"{field.Title} must be greater than {Number(field.Minimum)}.",
        "maximum" => $"{field.Title} must be at most {Number(field.Maximum)}.",
        "exclusiveMaximum" => $"{field.Title} must be less than {Number(field.Maximum)}.",
        "enum" or "const" => $"{field.Title} must be one of the offered choices.",
        "minItems" => $"{field.Title} needs at least {field.MinItems} {(field.MinItems == 1 ? "entry" : "entries")}.",
        "maxItems" => $"{field.Title} takes at most {field.MaxItems} {(field.MaxItems == 1 ? "entry" : "entries")}.",
        "not" => $"{field.Title}: this value is not allowed.",
        "uniqueItems" => $"{field.Title} lists the same value more than once.",
        "multipleOf" => $"{field.Title}: {libraryMessage}",
        "oneOf" or "anyOf" when field.Kind == FieldKind.Variant => $"{field.Title}: choose one of the options and fill it in.",
        _ => null,
    };

    // A constraint from elsewhere (a then-branch, an allOf on a parent) is not on the field: use the validator's words.
    private static bool OnTheField(FormField field, string keyword) => keyword switch
    {
        "minLength" => field.MinLength is not null,
        "maxLength" => field.MaxLength is not null,
        "minimum" or "exclusiveMinimum" => field.Minimum is not null,
        "maximum" or "exclusiveMaximum" => field.Maximum is not null,
        "minItems" => field.MinItems is not null,
        "maxItems" => field.MaxItems is not null,
        _ => true,
    };

    public static string Required(FormField field) => $"{field.Title} is required.";

    public static string RequiredWith(FormField field, string? trigger) =>
        trigger is null ? $"{field.Title} is required with the values given." : $"{field.Title} is required when {trigger} is set.";

    /// <summary>What a value of the wrong type gets: the same words from the form and from the JSON API.</summary>
    public static string WrongType(FormField field) => $"{field.Title} must be {Expected(field)}.";

    private static string Expected(FormField field) => field.Kind switch
    {
        FieldKind.WholeNumber => "a whole number",
        FieldKind.Number => "a number",
        FieldKind.Boolean => "true or false",
        FieldKind.List => "a list",
        FieldKind.Group or FieldKind.Variant => "a group of values",
        FieldKind.Text => "text",
        _ => "a value of the right type",
    };

    private static string FormatName(TextFormat format) => format switch
    {
        TextFormat.Uri => "a URL (such as https://example.com)",
        TextFormat.Email => "an e-mail address",
        TextFormat.Date => "a date (YYYY-MM-DD)",
        TextFormat.DateTime => "a date and time (such as 2025-01-31T09:30:00Z)",
        TextFormat.Time => "a time (such as 09:30:00Z)",
        TextFormat.Hostname => "a host name",
        TextFormat.IPv4 => "an IPv4 address",
        TextFormat.IPv6 => "an IPv6 address",
        TextFormat.Uuid => "a UUID",
        _ => "in the expected format",
    };

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
