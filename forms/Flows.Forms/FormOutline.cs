using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// One line of a record's outline: a label (the field's title, or the JSON name of a value the
/// form does not know), then a value to show, or entries nested under it, or both (a variant shows
/// its chosen option's title with that option's fields under it).
/// </summary>
public sealed record OutlineEntry(string Label, string? Value, IReadOnlyList<OutlineEntry> Children)
{
    /// <summary>A secret: <see cref="Value"/> only ever says whether one is stored.</summary>
    public bool Secret { get; init; }
}

/// <summary>
/// Saved values as people read them (a page showing a record, a command printing it): nested
/// values as nested entries, lists as numbered items, secrets at any depth only as "Set". Hidden
/// fields are left out, as in the form; values the form does not know are listed under their JSON name.
/// </summary>
public static class FormOutline
{
    /// <summary>What the outline shows for a secret that is stored.</summary>
    public const string SecretSet = "Set";

    /// <summary>What the outline shows for a secret that is not stored.</summary>
    public const string SecretNotSet = "Not set";

    /// <summary>The outline of <paramref name="values"/>.</summary>
    /// <param name="model">The form the values were saved from, which gives labels, order and what is secret.</param>
    /// <param name="values">The saved values; secrets may be left out of it (see <paramref name="storedSecrets"/>).</param>
    /// <param name="storedSecrets">JSON Pointers of the secrets that are stored, when <paramref name="values"/> leaves them out.</param>
    public static IReadOnlyList<OutlineEntry> Build(FormModel model, JsonObject values, IReadOnlyCollection<string>? storedSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var stored = new HashSet<string>(storedSecrets ?? [], StringComparer.Ordinal);
        if (model.Fields is [{ Kind: FieldKind.RawJson, Path: FormPath.WholeDocument }])
        {
            return Unknown(values, []);
        }

        return new Writer(stored).Object(model.Fields, values, string.Empty);
    }

    /// <summary>How a value the form knows nothing about reads: scalars as text, objects and arrays nested.</summary>
    public static string Display(JsonNode? value) => value switch
    {
        null => "(none)",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.True => "Yes",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.False => "No",
        _ => value.ToJsonString(),
    };

    private static List<OutlineEntry> Unknown(JsonObject values, HashSet<string> known) =>
        [.. values.Where(p => !known.Contains(p.Key)).Select(p => Loose(p.Key, p.Value))];

    private static OutlineEntry Loose(string label, JsonNode? value) => value switch
    {
        JsonObject nested => new OutlineEntry(label, null, [.. nested.Select(p => Loose(p.Key, p.Value))]),
        JsonArray items => new OutlineEntry(label, items.Count == 0 ? "(none)" : null, [.. items.Select((item, i) => Loose(Number(i), item))]),
        _ => new OutlineEntry(label, Display(value), []),
    };

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private sealed class Writer(HashSet<string> storedSecrets)
    {
        /// <param name="fields">The fields of the object.</param>
        /// <param name="values">The object's saved values.</param>
        /// <param name="pointer">The object's JSON Pointer in the values.</param>
        /// <param name="known">Collects the names the fields account for; when null, the values they do not know are listed too.</param>
        public List<OutlineEntry> Object(IReadOnlyList<FormField> fields, JsonObject values, string pointer, HashSet<string>? known = null)
        {
            var entries = new List<OutlineEntry>();
            var listUnknown = known is null;
            known ??= new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (field.Inline)
                {
                    if (Variant(field, values, pointer, known) is { } inline)
                    {
                        entries.Add(inline);
                    }

                    continue;
                }

                known.Add(field.Name);
                if (field.Hidden)
                {
                    continue;
                }

                var at = FormPath.PointerProperty(pointer, field.Name);
                if (field.Secret)
                {
                    if (values.ContainsKey(field.Name) || storedSecrets.Contains(at))
                    {
                        entries.Add(new OutlineEntry(field.Title, SecretSet, []) { Secret = true });
                    }
                    else if (field.VisibleWhen is null || field.VisibleWhen.HoldsFor(values[field.VisibleWhen.Property]))
                    {
                        entries.Add(new OutlineEntry(field.Title, SecretNotSet, []) { Secret = true });
                    }

                    continue;
                }

                if (values.TryGetPropertyValue(field.Name, out var value))
                {
                    entries.Add(Entry(field, value, at));
                }
                else if (HasStoredSecretUnder(at))
                {
                    // Only secrets are stored under it (they are kept apart from the other values).
                    entries.Add(Entry(field, field.Kind == FieldKind.List ? new JsonArray() : new JsonObject(), at));
                }
            }

            if (listUnknown)
            {
                entries.AddRange(Unknown(values, known));
            }

            return entries;
        }

        private OutlineEntry Entry(FormField field, JsonNode? value, string pointer)
        {
            switch (field.Kind)
            {
                case FieldKind.Group when value is JsonObject group:
                    return new OutlineEntry(field.Title, null, Object(field.Fields, group, pointer));
                case FieldKind.Variant when value is JsonObject chosen:
                    var known = new HashSet<string>(StringComparer.Ordinal);
                    return Variant(field, chosen, pointer, known) is { } variant
                        ? variant with { Children = [.. variant.Children, .. Unknown(chosen, known)] }
                        : Loose(field.Title, value);
                case FieldKind.List when value is JsonArray rows:
                    return List(field, rows, pointer);
                case FieldKind.Choice when field.Options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, value)) is { } option:
                    return new OutlineEntry(field.Title, option.Label, []);
                case FieldKind.RawJson:
                    return new OutlineEntry(field.Title, value?.ToJsonString() ?? "null", []);
                default:
                    return Loose(field.Title, value);
            }
        }

        private OutlineEntry List(FormField field, JsonArray rows, string pointer)
        {
            var item = field.Item!;
            var stored = rows.Count;
            while (HasStoredSecretUnder($"{pointer}/{stored}"))
            {
                stored++;
            }

            var entries = new List<OutlineEntry>();
            for (var i = 0; i < stored; i++)
            {
                var rowPointer = $"{pointer}/{i}";
                var row = i < rows.Count ? rows[i] : new JsonObject();
                var entry = item.Secret
                    ? new OutlineEntry(Number(i), SecretSet, []) { Secret = true }
                    : Entry(item, row, rowPointer) with { Label = Number(i) };
                entries.Add(entry);
            }

            return new OutlineEntry(field.Title, entries.Count == 0 ? "(none)" : null, entries);
        }

        // The chosen option's title as the value, its fields under it. Names it accounts for go to known.
        private OutlineEntry? Variant(FormField field, JsonObject values, string pointer, HashSet<string> known)
        {
            var chosen = field.Variants
                .Where(v => v.Discriminator is null || JsonNode.DeepEquals(values[v.Discriminator], v.DiscriminatorValue))
                .OrderByDescending(v => v.Fields.Count(f => values.ContainsKey(f.Name) || storedSecrets.Contains(FormPath.PointerProperty(pointer, f.Name))))
                .FirstOrDefault();
            if (chosen is null || field.Hidden)
            {
                foreach (var name in field.Variants.SelectMany(v => v.Fields.Select(f => f.Name).Append(v.Discriminator ?? string.Empty)))
                {
                    known.Add(name);
                }

                return null;
            }

            if (chosen.Discriminator is { } discriminator)
            {
                known.Add(discriminator);
            }

            // The enclosing object lists what neither it nor the option knows, once.
            return new OutlineEntry(field.Title, chosen.Title, Object(chosen.Fields, values, pointer, known));
        }

        private bool HasStoredSecretUnder(string pointer) =>
            storedSecrets.Any(p => p.StartsWith(pointer + "/", StringComparison.Ordinal));
    }
}
