using System.Text.Json.Nodes;

namespace Flows.Forms.AspNetCore;

/// <summary>Secrets kept out of what a page shows.</summary>
public static class FormSecrets
{
    /// <summary>What a masked secret shows instead of its value.</summary>
    public const string Mask = "(secret, not shown)";

    /// <summary>A copy of <paramref name="instance"/> with every secret field's value replaced by <see cref="Mask"/>, at any depth.</summary>
    public static JsonObject Masked(FormModel model, JsonObject instance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(instance);
        var copy = (JsonObject)instance.DeepClone();
        if (model.Fields is [{ Kind: FieldKind.RawJson, Path: FormPath.WholeDocument, Secret: true }])
        {
            // One JSON text for the whole form, with a secret somewhere inside: nothing of it is shown.
            foreach (var name in copy.Select(p => p.Key).ToList())
            {
                copy[name] = Mask;
            }

            return copy;
        }

        MaskObject(model.Fields, copy);
        return copy;
    }

    private static void MaskObject(IEnumerable<FormField> fields, JsonObject target)
    {
        foreach (var field in fields)
        {
            if (field.Kind == FieldKind.Variant)
            {
                // A variant's fields sit in its own object, or (inline) in this one.
                var holder = field.Inline ? target : target[field.Name] as JsonObject;
                if (holder is not null)
                {
                    MaskObject(field.Variants.SelectMany(v => v.Fields), holder);
                }

                continue;
            }

            if (string.IsNullOrEmpty(field.Name) || !target.TryGetPropertyValue(field.Name, out var value) || value is null)
            {
                continue;
            }

            var masked = MaskValue(field, value);
            if (!ReferenceEquals(masked, value))
            {
                target[field.Name] = masked;
            }
        }
    }

    private static JsonNode? MaskValue(FormField field, JsonNode value)
    {
        if (field.Secret)
        {
            return JsonValue.Create(Mask);
        }

        switch (field.Kind)
        {
            case FieldKind.Group when value is JsonObject group:
                MaskObject(field.Fields, group);
                break;
            case FieldKind.List when value is JsonArray rows && field.Item is { } item:
                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i] is { } row)
                    {
                        var masked = item.Kind == FieldKind.Variant && row is JsonObject rowObject
                            ? MaskVariantRow(item, rowObject)
                            : MaskValue(item, row);
                        if (!ReferenceEquals(masked, row))
                        {
                            rows[i] = masked;
                        }
                    }
                }

                break;
        }

        return value;
    }

    private static JsonObject MaskVariantRow(FormField item, JsonObject row)
    {
        MaskObject(item.Variants.SelectMany(v => v.Fields), row);
        return row;
    }
}
