using System.Globalization;

namespace Flows.Host.Forms;

/// <summary>
/// What a careful person might type into a form: each field's default, else its example, else a
/// value of the right kind within its bounds. Used by <c>flows forms check</c> to prove a schema's
/// form round-trips to a valid instance.
/// </summary>
public static class SampleValues
{
    public static FormValues For(FormModel model)
    {
        var values = new FormValues();
        foreach (var field in model.Fields)
        {
            Fill(field, field.Path, values);
        }

        return values;
    }

    private static void Fill(FormField field, string path, FormValues values)
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
                    Fill(child, FormPath.Rebase(child.Path, field.Path, path), values);
                }

                break;
            case FieldKind.List:
                var rows = Math.Max(field.MinItems ?? 1, 1);
                for (var row = 0; row < rows; row++)
                {
                    var item = field.Item!;
                    Fill(item, FormPath.Rebase(item.Path, item.Path, FormPath.ListItem(path, row)), values);
                }

                break;
            case FieldKind.Variant:
                values.Add(FormPath.VariantSelector(path), "0");
                foreach (var child in field.Variants[0].Fields)
                {
                    Fill(child, FormPath.Rebase(child.Path, field.Path, path), values);
                }

                break;
            default:
                if (Scalar(field) is { } value)
                {
                    values.Add(path, value);
                }

                break;
        }
    }

    private static string? Scalar(FormField field)
    {
        if (field.Default is { } preset)
        {
            return field.Kind switch
            {
                FieldKind.Choice => field.Options.FirstOrDefault(o => System.Text.Json.Nodes.JsonNode.DeepEquals(o.Value, preset))?.Key,
                FieldKind.Text => preset.GetValueKind() == System.Text.Json.JsonValueKind.String ? preset.GetValue<string>() : null,
                FieldKind.Boolean => preset.ToJsonString(),
                _ => preset.ToJsonString(),
            };
        }

        return field.Kind switch
        {
            FieldKind.Text => field.Placeholder ?? Fit(field, TextSample(field)),
            FieldKind.WholeNumber => Whole(field).ToString(CultureInfo.InvariantCulture),
            FieldKind.Number => Decimal(field).ToString(CultureInfo.InvariantCulture),
            FieldKind.Boolean => "false",
            FieldKind.Choice => field.Options.Count > 0 ? field.Options[0].Key : null,
            FieldKind.RawJson => field.Required ? "{}" : null,
            _ => null,
        };
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
