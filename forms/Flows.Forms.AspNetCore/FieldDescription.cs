using Flows.Forms;

namespace Flows.Forms.AspNetCore;

/// <summary>What an input's label area shows and what its aria-describedby names: help, "set", messages.</summary>
public sealed class FieldDescription
{
    /// <summary>The description of the field <paramref name="entry"/> in a form showing <paramref name="state"/>.</summary>
    public FieldDescription(FieldAt entry, FormState state)
    {
        Id = FieldText.Id(entry.Path);
        Stored = entry.Field.Secret && state.StoredSecrets.Contains(entry.Path);
        Messages = state.ErrorsOf(entry.Path);
        var ids = new List<string>();
        if (entry.Field.Help is { Length: > 0 })
        {
            ids.Add(Id + "-help");
        }

        if (entry.Field.Hint is { Length: > 0 })
        {
            ids.Add(Id + "-hint");
        }

        if (Stored)
        {
            ids.Add(Id + "-set");
        }

        if (Messages is not null)
        {
            ids.Add(Id + "-error");
        }

        DescribedBy = ids.Count > 0 ? string.Join(' ', ids) : null;
        Autofocus = state.Autofocus == entry.Path;
    }

    /// <summary>The input's id; the ids of its help, hint, "set" note and messages start with it.</summary>
    public string Id { get; }

    /// <summary>What a set of inputs (a list, a set of choices) names in aria-describedby: its help and its messages, where it has them.</summary>
    public static string? OfSet(string id, FormField field, IReadOnlyList<string>? messages)
    {
        ArgumentNullException.ThrowIfNull(field);
        var ids = new List<string>(3);
        if (field.Help is { Length: > 0 })
        {
            ids.Add(id + "-help");
        }

        if (field.Hint is { Length: > 0 })
        {
            ids.Add(id + "-hint");
        }

        if (messages is not null)
        {
            ids.Add(id + "-error");
        }

        return ids.Count > 0 ? string.Join(' ', ids) : null;
    }

    /// <summary>A secret already stored: the input may stay empty.</summary>
    public bool Stored { get; }

    /// <summary>What is wrong with the field's value; null when nothing is.</summary>
    public IReadOnlyList<string>? Messages { get; }

    /// <summary>The input's aria-describedby: the ids of its help, hint, "set" note and messages, where it has them; null when none.</summary>
    public string? DescribedBy { get; }

    /// <summary>The input's aria-invalid: "true" when there are messages, else null (no attribute).</summary>
    public string? Invalid => Messages is null ? null : "true";

    /// <summary>Whether the input takes the focus when the page loads (see <see cref="FormState.Autofocus"/>).</summary>
    public bool Autofocus { get; }
}
