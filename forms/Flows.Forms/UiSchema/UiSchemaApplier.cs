using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms.UiSchema;

/// <summary>
/// Applies an rjsf uiSchema to a built <see cref="FormModel"/>, following its nesting: property names
/// for an object's fields, <c>items</c> for a list's rows, and the fields of an object's alternatives
/// (<c>oneOf</c>/<c>anyOf</c>) at the object's own level, as rjsf reads them. Nothing in a uiSchema is an
/// error: what the form cannot do is left out, and <see cref="FormModel.Notes"/> says what and why.
/// </summary>
internal sealed class UiSchemaApplier
{
    // Keys rjsf knows that this form has no use for, with the reason a note gives.
    private static readonly Dictionary<string, string> IgnoredWithReason = new(StringComparer.Ordinal)
    {
        ["ui:field"] = "custom field components cannot be drawn here",
        ["ui:classNames"] = "the form is drawn with the host's own styles",
        ["ui:style"] = "the form is drawn with the host's own styles",
        ["ui:autofocus"] = "the host decides where the cursor starts",
        ["ui:emptyValue"] = "an empty input is always left out of the saved values",
        ["ui:autocomplete"] = "browser autocomplete hints are not passed on",
        ["ui:rootFieldId"] = "input ids are made by the host",
        ["ui:submitButtonOptions"] = "the host draws its own buttons",
        ["ui:globalOptions"] = "only the settings of each field are read",
        ["ui:label"] = "every field shows its label",
        ["ui:enumDisabled"] = "every choice can be picked",
        ["ui:inline"] = "choices are laid out by the host",
        ["ui:inputType"] = "the input follows the field's type and format",
        ["ui:rows"] = "the host sizes text boxes",
        ["ui:copyable"] = "rows cannot be copied here",
        ["ui:enableMarkdownInDescription"] = "descriptions are always read as Markdown, reduced to a safe subset",
        ["ui:duplicateKeySuffixSeparator"] = "maps of free-form keys are edited as JSON",
    };

    private readonly List<string> _notes = [];

    public static FormModel Apply(FormModel model, JsonObject uiSchema)
    {
        var applier = new UiSchemaApplier();

        // The top level is applied as a group holding the model's fields: the same keys mean the same there.
        var top = new FormField
        {
            Name = string.Empty,
            Path = string.Empty,
            InstancePath = string.Empty,
            Kind = FieldKind.Group,
            Title = model.Title ?? string.Empty,
            Help = model.Description,
            Fields = model.Fields,
        };
        var applied = applier.ApplyTo(top, UiNode.Of(uiSchema, string.Empty));
        if (applied.Hint is not null || applied.Placeholder is not null)
        {
            applier._notes.Add($"The uiSchema's help and placeholder {UiNode.Describe(string.Empty)} are ignored: the form as a whole has neither.");
        }

        return model with
        {
            Title = ReferenceEquals(applied.Title, top.Title) ? model.Title : applied.Title,
            Description = applied.Help,
            Fields = applied.Fields,
            Notes = [.. model.Notes, .. applier._notes],
        };
    }

    private FormField ApplyTo(FormField field, UiNode node)
    {
        bool disabled = false, readOnly = false;
        foreach (var (key, value) in node.Settings)
        {
            switch (key)
            {
                case "ui:disabled":
                    disabled |= Flag(key, value, node) ?? false;
                    break;
                case "ui:readonly":
                    readOnly |= Flag(key, value, node) ?? false;
                    break;
                case UiOrder.Key when field.Kind is FieldKind.Group or FieldKind.Variant:
                    // Applied with the children, below.
                    break;
                default:
                    field = ApplySetting(field, key, value, node);
                    break;
            }
        }

        field = field.Kind switch
        {
            FieldKind.Group => field with { Fields = ApplyToFields(field.Fields, node, reportUnknown: true) },
            FieldKind.Variant => field with { Variants = ApplyToVariants(field.Variants, node, reportUnknown: true) },
            FieldKind.List => ApplyToRows(field, node),
            _ => NoChildren(field, node),
        };

        // As in rjsf, a disabled or read-only container makes everything inside it so.
        if (disabled)
        {
            field = Everywhere(field, f => f with { Disabled = true });
        }

        if (readOnly)
        {
            field = Everywhere(field, f => f with { ReadOnly = true });
        }

        return field;
    }

    private FormField ApplySetting(FormField field, string key, JsonNode? value, UiNode node)
    {
        switch (key)
        {
            case "ui:widget":
                if (Text(key, value, node) is not { } widget)
                {
                    return field;
                }

                var (changed, problem) = UiWidgets.Apply(field, widget);
                if (problem is not null)
                {
                    Ignore(key, node, $"{problem}; the default input is used");
                }

                return changed;
            case "ui:help":
                return Text(key, value, node) is { } hint ? field with { Hint = hint } : field;
            case "ui:placeholder":
                return Text(key, value, node) is { } placeholder ? field with { Placeholder = placeholder } : field;
            case "ui:title":
                return Text(key, value, node) is { } title ? field with { Title = title } : field;
            case "ui:description":
                return Text(key, value, node) is { } description ? field with { Help = description } : field;
            case "ui:enumNames":
                return EnumNames(field, value, node);
            case "ui:addable" when field.Kind == FieldKind.List:
                return Flag(key, value, node) is { } addable ? field with { Addable = addable } : field;
            case "ui:removable" when field.Kind == FieldKind.List:
                return Flag(key, value, node) is { } removable ? field with { Removable = removable } : field;
            case "ui:orderable" when field.Kind == FieldKind.List:
                if (Flag(key, value, node) == true)
                {
                    Ignore(key, node, "rows cannot be reordered in this form; they keep the order they were added in");
                }

                return field;
            case "ui:addable" or "ui:removable" or "ui:orderable" or UiOrder.Key:
                Ignore(key, node, field.Kind == FieldKind.RawJson ? $"'{field.Title}' is edited as JSON"
                    : key == UiOrder.Key ? "only an object's fields have an order"
                    : "only lists have rows");
                return field;
            default:
                Ignore(key, node, IgnoredWithReason.GetValueOrDefault(key, "it is not part of the uiSchema subset this form supports"));
                return field;
        }
    }

    private IReadOnlyList<FormField> ApplyToFields(IReadOnlyList<FormField> fields, UiNode node, bool reportUnknown)
    {
        var known = KnownNames(fields);
        if (reportUnknown)
        {
            foreach (var (name, value) in node.Children)
            {
                if (!known.Contains(name))
                {
                    _notes.Add($"The uiSchema's \"{name}\" {UiNode.Describe(node.Place)} names no field of the form; it is ignored.");
                }
                else if (value is not JsonObject)
                {
                    _notes.Add($"The uiSchema's \"{name}\" {UiNode.Describe(node.Place)} is ignored: it must be an object of ui: settings.");
                }
            }
        }

        var applied = fields
            .Select(f => f.Inline
                ? f with { Variants = ApplyToVariants(f.Variants, node, reportUnknown: false) }
                : node.Child(f.Name) is JsonObject ui ? ApplyTo(f, UiNode.Of(ui, node.ChildPlace(f.Name))) : f)
            .ToList();
        return node.Settings.FirstOrDefault(s => s.Key == UiOrder.Key) is { Key: not null } order
            ? UiOrder.Apply(applied, order.Value, node.Place, known, reportUnknown ? _notes : null)
            : applied;
    }

    // rjsf puts the ui of an alternative's fields at the level of the object that has the alternatives.
    private IReadOnlyList<FormVariant> ApplyToVariants(IReadOnlyList<FormVariant> variants, UiNode node, bool reportUnknown)
    {
        if (reportUnknown)
        {
            var known = variants.SelectMany(v => KnownNames(v.Fields).Concat(v.Discriminator is { } d ? [d] : [])).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, _) in node.Children.Where(c => !known.Contains(c.Name)))
            {
                _notes.Add($"The uiSchema's \"{name}\" {UiNode.Describe(node.Place)} names no field of the form; it is ignored.");
            }
        }

        return [.. variants.Select(v => v with { Fields = [.. ApplyToFields(v.Fields, node, reportUnknown: false)] })];
    }

    private FormField ApplyToRows(FormField list, UiNode node)
    {
        foreach (var (name, value) in node.Children)
        {
            if (name == "items" && value is JsonObject rows)
            {
                list = list with { Item = ApplyTo(list.Item!, UiNode.Of(rows, node.ChildPlace(name))) };
            }
            else
            {
                _notes.Add($"The uiSchema's \"{name}\" {UiNode.Describe(node.Place)} is ignored: the rows of a list are set under \"items\", as one object.");
            }
        }

        return list;
    }

    private FormField NoChildren(FormField field, UiNode node)
    {
        foreach (var (name, _) in node.Children)
        {
            _notes.Add(field.Kind == FieldKind.RawJson
                ? $"The uiSchema's \"{name}\" {UiNode.Describe(node.Place)} is ignored: '{field.Title}' is edited as JSON."
                : $"The uiSchema's \"{name}\" {UiNode.Describe(node.Place)} names no field of the form; it is ignored.");
        }

        return field;
    }

    private FormField EnumNames(FormField field, JsonNode? value, UiNode node)
    {
        if (value is not JsonArray names || names.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            Ignore("ui:enumNames", node, "it must be a list of labels");
            return field;
        }

        if (field.IsChoiceSet)
        {
            return field with { Item = EnumNames(field.Item!, value, node) };
        }

        if (field.Kind != FieldKind.Choice)
        {
            Ignore("ui:enumNames", node, "only a field of choices has labels");
            return field;
        }

        return field with
        {
            Options = [.. field.Options.Select((option, i) => i < names.Count ? option with { Label = names[i]!.GetValue<string>() } : option)],
        };
    }

    private static HashSet<string> KnownNames(IReadOnlyList<FormField> fields) =>
        fields.SelectMany(f => f.Inline
                ? f.Variants.SelectMany(v => KnownNames(v.Fields).Concat(v.Discriminator is { } d ? [d] : []))
                : [f.Name])
            .ToHashSet(StringComparer.Ordinal);

    private static FormField Everywhere(FormField field, Func<FormField, FormField> change) =>
        change(field with
        {
            Fields = [.. field.Fields.Select(f => Everywhere(f, change))],
            Item = field.Item is null ? null : Everywhere(field.Item, change),
            Variants = [.. field.Variants.Select(v => v with { Fields = [.. v.Fields.Select(f => Everywhere(f, change))] })],
        });

    private string? Text(string key, JsonNode? value, UiNode node)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var result))
        {
            return result;
        }

        Ignore(key, node, key == "ui:widget" ? "it is not a widget name (a component given in code cannot be drawn here)" : "it must be a text");
        return null;
    }

    private bool? Flag(string key, JsonNode? value, UiNode node)
    {
        if (value is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return flag.GetValue<bool>();
        }

        Ignore(key, node, "it must be true or false");
        return null;
    }

    private void Ignore(string key, UiNode node, string reason) =>
        _notes.Add($"The uiSchema's {node.Spelling(key)} {UiNode.Describe(node.Place)} is ignored: {reason}.");
}
