using Flows.Forms;

namespace Flows.Forms.AspNetCore;

/// <summary>What the form shows besides its shape: the values, the messages, the secrets already stored.</summary>
public sealed class FormState(FormValues values, FormErrors errors, IReadOnlySet<string> storedSecrets)
{
    /// <summary>What the inputs show: the values posted, or a stored instance unbound.</summary>
    public FormValues Values { get; } = values;

    /// <summary>The messages to show, by field and for the form.</summary>
    public FormErrors Errors { get; } = errors;

    /// <summary>Post names of the secrets already stored, shown as set.</summary>
    public IReadOnlySet<string> StoredSecrets { get; } = storedSecrets;

    /// <summary>The post name of the input that takes the focus when the page loads (a row just added without JavaScript).</summary>
    public string? Autofocus { get; set; }

    /// <summary>Nothing posted or stored: a form just opened, showing the schema's defaults.</summary>
    public bool Blank => !Values.Names.Any();

    /// <summary>The messages of the field at post name <paramref name="path"/>; null when it has none.</summary>
    public IReadOnlyList<string>? ErrorsOf(string path) => Errors.Fields.TryGetValue(path, out var messages) ? messages : null;

    /// <summary>Whether a message, a stored secret or a typed value sits at or below <paramref name="path"/>.</summary>
    public bool HoldsSomething(FormField field, string path)
    {
        if (Errors.Fields.Keys.Any(n => FormPath.IsAtOrUnder(n, path)) || StoredSecrets.Any(n => FormPath.IsAtOrUnder(n, path)))
        {
            return true;
        }

        // A leaf showing its default was not typed; a container counts what is posted below it, and a
        // list its rows (a row just added, still blank, must not be folded away from whoever added it).
        if (field.Kind == FieldKind.List && Values.RowsOf(path).Count > 0)
        {
            return true;
        }

        return field.Kind is FieldKind.Group or FieldKind.List or FieldKind.Variant
            ? !Values.NothingTypedUnder(path)
            : Values.Last(path) is { Length: > 0 } value && value != "false" && value != FieldText.Default(field);
    }
}

/// <summary>A field of the model at its concrete post name (list rows and variant options rebase the template's).</summary>
public readonly record struct FieldAt(FormField Field, string Path)
{
    /// <summary>The children of <paramref name="parent"/>'s template rebased under this field's path.</summary>
    public IReadOnlyList<FieldAt> Children(IEnumerable<FormField> children, FormField parent)
    {
        var path = Path;
        return [.. children.Select(c => new FieldAt(c, FormPath.Rebase(c.Path, parent.Path, path)))];
    }
}
