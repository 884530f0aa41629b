using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// Turns posted form values into a JSON instance with the right types (and back, for edit forms).
/// Empty optional fields are omitted rather than sent as "". Secrets follow the edit rules: an empty
/// secret keeps the stored value, a new one replaces it, and only an explicit "clear" removes it.
/// </summary>
public static class FormBinder
{
    private static readonly string[] TrueWords = ["true", "on", "1", "yes"];

    /// <summary>
    /// Posted under a row's own name for a row that holds a saved entry, so the entry is kept even when
    /// it looks blank (all its boxes unticked); rows added in the form have no such mark.
    /// </summary>
    public const string SavedRowMark = "saved";

    /// <summary>Binds <paramref name="values"/>; <paramref name="stored"/> is the saved instance when editing.</summary>
    public static BindResult Bind(FormModel model, FormValues values, JsonObject? stored = null)
    {
        var run = new BindRun(values, stored);
        var instance = new JsonObject();
        if (model.Fields is [{ Kind: FieldKind.RawJson, Path: FormPath.WholeDocument } whole])
        {
            // The whole document is one JSON text.
            instance = run.BindWholeDocument(whole) ?? instance;
            return new BindResult(instance, run.Errors, run.Visited);
        }

        run.BindObject(model.Fields, string.Empty, string.Empty, instance);
        return new BindResult(instance, run.Errors, run.Visited);
    }

    /// <summary>
    /// The form values that show <paramref name="instance"/>. Secrets are left out unless
    /// <paramref name="includeSecrets"/>: an edit form never carries a stored secret.
    /// </summary>
    public static FormValues Unbind(FormModel model, JsonObject instance, bool includeSecrets = false)
    {
        var values = new FormValues();
        if (model.Fields is [{ Kind: FieldKind.RawJson, Path: FormPath.WholeDocument } whole])
        {
            // A document holding a secret anywhere is a secret as a whole.
            if (includeSecrets || !whole.Secret)
            {
                values.Add(whole.Path, instance.ToJsonString());
            }

            return values;
        }

        UnbindObject(model.Fields, string.Empty, instance, values, includeSecrets);
        return values;
    }

    /// <summary>The secret fields that have a stored value, by path (for "set — leave empty to keep").</summary>
    public static IReadOnlyList<string> StoredSecrets(FormModel model, JsonObject stored)
    {
        var all = Unbind(model, stored, includeSecrets: true);
        var shown = Unbind(model, stored, includeSecrets: false);
        return [.. all.Names.Where(n => !shown.Contains(n))];
    }

    private sealed class BindRun(FormValues values, JsonObject? stored)
    {
        public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

        /// <summary>Every field considered, by concrete instance pointer: how validation errors find their field.</summary>
        public Dictionary<string, BoundField> Visited { get; } = new(StringComparer.Ordinal);

        public JsonObject? BindWholeDocument(FormField field)
        {
            Visited[string.Empty] = new BoundField(field, field.Path);
            var value = BindScalar(field, field.Path, string.Empty);
            if (value is null or JsonObject)
            {
                return value as JsonObject;
            }

            Errors[field.Path] = $"{field.Title} must be a JSON object.";
            return null;
        }

        public void BindObject(IReadOnlyList<FormField> fields, string templatePrefix, string concretePrefix, JsonObject target)
        {
            // Unconditional fields first, so conditions can look at their siblings' bound values.
            foreach (var field in fields.Where(f => f.VisibleWhen is null))
            {
                BindInto(field, templatePrefix, concretePrefix, target);
            }

            foreach (var field in fields.Where(f => f.VisibleWhen is not null))
            {
                if (field.VisibleWhen!.HoldsFor(target[field.VisibleWhen.Property]))
                {
                    BindInto(field, templatePrefix, concretePrefix, target);
                }
            }
        }

        private void BindInto(FormField field, string templatePrefix, string concretePrefix, JsonObject target)
        {
            var path = FormPath.Rebase(field.Path, templatePrefix, concretePrefix);
            if (field.Inline)
            {
                // Inline alternatives: their fields belong to this same object.
                BindVariant(field, path, target);
                return;
            }

            var pointer = PointerOf(target, field.Name);
            Visited[pointer] = new BoundField(field, path);
            if (BindValue(field, path, pointer) is { } value)
            {
                target[field.Name] = value;
            }
        }

        private JsonNode? BindValue(FormField field, string path, string pointer)
        {
            // A hidden part is never asked: whatever is posted for it, it holds its default or nothing.
            if (field.Hidden)
            {
                return DefaultOf(field);
            }

            // A disabled field is shown but never taken from a post: what was saved stays, else the default.
            if (field.Disabled)
            {
                return Stored(pointer)?.DeepClone() ?? DefaultOf(field);
            }

            // Read-only fields cannot be filled in: they hold their default (a const above all).
            if (field.ReadOnly && field.Default is not null && !values.AnyUnder(path))
            {
                return field.Default.DeepClone();
            }

            switch (field.Kind)
            {
                case FieldKind.Group:
                    var group = new JsonObject();
                    Register(group, pointer);
                    BindObject(field.Fields, field.Path, path, group);
                    return group.Count > 0 || (field.Required && values.AnyUnder(path)) ? group : null;
                case FieldKind.List:
                    return BindList(field, path, pointer);
                case FieldKind.Variant:
                    var chosen = new JsonObject();
                    Register(chosen, pointer);
                    BindVariant(field, path, chosen);
                    return chosen.Count > 0 ? chosen : null;
                default:
                    return BindScalar(field, path, pointer);
            }
        }

        private JsonArray? BindList(FormField field, string path, string pointer)
        {
            var item = field.Item!;
            var array = new JsonArray();
            // Only rows of several fields can be "blank": a row holding one value is that value, false included.
            var dropBlankRows = !field.Required && (field.MinItems is null or 0) && HasRowMark(item);
            var rows = values.RowsOf(path);
            if (!field.Addable)
            {
                // Rows cannot be added: a post keeps the rows the list has (saved, else its default or
                // minimum), and a row beyond them is not taken.
                rows = [.. rows.Take(RowsAllowedWithoutAdding(field, pointer))];
            }

            foreach (var row in rows)
            {
                var rowPath = FormPath.ListItem(path, row);
                if (dropBlankRows && values.NothingTypedUnder(rowPath))
                {
                    // A row added and left blank in a list that may be empty: not an entry to check.
                    continue;
                }

                var rowPointer = $"{pointer}/{array.Count}";
                Visited[rowPointer] = new BoundField(item, rowPath);
                var value = item.Kind switch
                {
                    FieldKind.Group => BindRowObject(item, rowPath, rowPointer),
                    FieldKind.List or FieldKind.Variant or FieldKind.RawJson => BindValue(item, rowPath, rowPointer),
                    _ => BindScalar(item, rowPath, rowPointer),
                };
                if (value is not null)
                {
                    array.Add(value);
                }
            }

            return array.Count > 0 ? array : null;
        }

        private int RowsAllowedWithoutAdding(FormField list, string pointer) =>
            Math.Max(
                Stored(pointer) is JsonArray saved ? saved.Count : (DefaultOf(list) as JsonArray)?.Count ?? 0,
                list.MinItems ?? 0);

        private JsonObject? BindRowObject(FormField item, string rowPath, string rowPointer)
        {
            var row = new JsonObject();
            Register(row, rowPointer);
            BindObject(item.Fields, item.Path, rowPath, row);
            return row.Count > 0 ? row : null;
        }

        private void BindVariant(FormField field, string path, JsonObject target)
        {
            var index = ChosenVariant(field, path);
            if (index is not { } chosen)
            {
                return;
            }

            var variant = field.Variants[chosen];
            if (variant.Discriminator is { } discriminator && variant.DiscriminatorValue is { } constant)
            {
                target[discriminator] = constant.DeepClone();
            }

            var optionTemplate = FormPath.VariantRoot(field.Path, chosen);
            var optionConcrete = FormPath.VariantRoot(path, chosen);
            BindObject(variant.Fields, optionTemplate, optionConcrete, target);
        }

        private int? ChosenVariant(FormField field, string path)
        {
            if (int.TryParse(values.Last(FormPath.VariantSelector(path)), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index >= 0 && index < field.Variants.Count)
            {
                // A hidden option is never offered, so a post choosing it chooses nothing.
                return field.Variants[index].Hidden ? null : index;
            }

            if (field.Variants.Count(v => !v.Hidden) == 1)
            {
                return field.Variants.ToList().FindIndex(v => !v.Hidden);
            }

            // No explicit choice: the first option something was typed into.
            for (var i = 0; i < field.Variants.Count; i++)
            {
                if (!field.Variants[i].Hidden && values.AnyUnder(FormPath.VariantRoot(path, i)))
                {
                    return i;
                }
            }

            return null;
        }

        private JsonNode? BindScalar(FormField field, string path, string pointer)
        {
            var raw = field.Kind == FieldKind.Boolean ? values.Last(path) : values.All(path).FirstOrDefault(v => v.Length > 0) ?? values.Last(path);
            if (field.Secret)
            {
                return BindSecret(field, path, pointer, raw);
            }

            if (string.IsNullOrEmpty(raw))
            {
                return null;
            }

            return Convert(field, path, raw);
        }

        private JsonNode? BindSecret(FormField field, string path, string pointer, string? raw)
        {
            var storedValue = Stored(pointer);
            if (values.Last(FormPath.ClearSecret(path)) is { } clear && TrueWords.Contains(clear, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            if (string.IsNullOrEmpty(raw))
            {
                return storedValue?.DeepClone();
            }

            if (LooksLikeMask(raw))
            {
                // A masked placeholder posted back is never saved as the secret itself.
                if (storedValue is not null)
                {
                    return storedValue.DeepClone();
                }

                Errors[path] = $"{field.Title}: enter the real value, not a placeholder.";
                return null;
            }

            return Convert(field, path, raw);
        }

        private JsonNode? Convert(FormField field, string path, string raw)
        {
            switch (field.Kind)
            {
                case FieldKind.Text:
                    return JsonValue.Create(raw);
                case FieldKind.WholeNumber:
                    if (long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    {
                        return JsonValue.Create(whole);
                    }

                    // 1.0 is a whole number too, as JSON Schema counts.
                    if (decimal.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var integral)
                        && integral == decimal.Truncate(integral) && integral is >= long.MinValue and <= long.MaxValue)
                    {
                        return JsonValue.Create((long)integral);
                    }

                    Errors[path] = $"{field.Title} must be a whole number.";
                    return null;
                case FieldKind.Number:
                    // decimal keeps what was typed exactly (0.1 stays 0.1); beyond its range or precision, double.
                    if (double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
                    {
                        var magnitude = Math.Abs(real);
                        return magnitude != 0 && (magnitude < 1e-20 || magnitude > 1e20)
                            ? JsonValue.Create(real)
                            : JsonValue.Create(decimal.Parse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture));
                    }

                    Errors[path] = $"{field.Title} must be a number.";
                    return null;
                case FieldKind.Boolean:
                    return JsonValue.Create(TrueWords.Contains(raw.Trim(), StringComparer.OrdinalIgnoreCase));
                case FieldKind.Choice:
                    var option = field.Options.FirstOrDefault(o => o.Key == raw);
                    if (option is not null)
                    {
                        return option.Value?.DeepClone();
                    }

                    // Never repeat what was typed into a secret field, not even in an error.
                    Errors[path] = field.Secret ? $"{field.Title} is not one of the choices." : $"{field.Title}: '{Shorten(raw)}' is not one of the choices.";
                    return null;
                default:
                    try
                    {
                        var parsed = JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });

                        // Materialise it now, so text that is not valid Unicode is caught here and not later.
                        _ = parsed?.ToJsonString();
                        return parsed;
                    }
                    catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
                    {
                        // The parser's message quotes the text it choked on: not for secrets.
                        Errors[path] = field.Secret ? $"{field.Title} must be valid JSON." : $"{field.Title} must be valid JSON ({exception.Message.Split(". ")[0]}).";
                        return null;
                    }
            }
        }

        private JsonNode? Stored(string pointer) => JsonPointers.Find(stored, pointer);

        // Objects being built have no parent pointer yet; remember it as they are created.
        private readonly Dictionary<JsonObject, string> _pointers = new(ReferenceEqualityComparer.Instance);

        private void Register(JsonObject node, string pointer) => _pointers[node] = pointer;

        private string PointerOf(JsonObject parent, string name) =>
            FormPath.PointerProperty(_pointers.TryGetValue(parent, out var at) ? at : string.Empty, name);
    }

    /// <summary>
    /// What a hidden field saves: its default, when the default is a value the field could hold (a spec
    /// may give an object a string default); otherwise nothing.
    /// </summary>
    public static JsonNode? DefaultOf(FormField field) =>
        field.Default is { } value && Fits(field, value) ? value.DeepClone() : null;

    private static bool Fits(FormField field, JsonNode value) => field.Kind switch
    {
        FieldKind.Group or FieldKind.Variant => value is JsonObject,
        FieldKind.List => value is JsonArray,
        FieldKind.Text => value.GetValueKind() == JsonValueKind.String,
        FieldKind.WholeNumber or FieldKind.Number => value.GetValueKind() == JsonValueKind.Number,
        FieldKind.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        FieldKind.Choice => field.Options.Any(o => JsonNode.DeepEquals(o.Value, value)),
        _ => true,
    };

    /// <summary>Whether rows of lists of <paramref name="item"/> carry <see cref="SavedRowMark"/>.</summary>
    public static bool HasRowMark(FormField item) => item.Kind is FieldKind.Group or FieldKind.Variant;

    private static bool LooksLikeMask(string value) => value.Length >= 3 && value.All(c => c is '•' or '*' or '●');

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static void UnbindObject(IReadOnlyList<FormField> fields, string concretePrefix, JsonObject source, FormValues values, bool includeSecrets, string templatePrefix = "")
    {
        foreach (var field in fields)
        {
            var path = FormPath.Rebase(field.Path, templatePrefix, concretePrefix);
            if (field.Inline)
            {
                UnbindVariant(field, field.Path, path, source, values, includeSecrets);
                continue;
            }

            if (source[field.Name] is { } value || source.ContainsKey(field.Name))
            {
                UnbindValue(field, field.Path, path, source[field.Name], values, includeSecrets);
            }
        }
    }

    private static void UnbindValue(FormField field, string template, string path, JsonNode? value, FormValues values, bool includeSecrets)
    {
        // A secret stays out of edit forms; a null is shown as an empty field (and so left out again).
        if ((field.Secret && !includeSecrets) || (value is null && field.Kind != FieldKind.RawJson))
        {
            return;
        }

        switch (field.Kind)
        {
            case FieldKind.Group when value is JsonObject group:
                UnbindObject(field.Fields, path, group, values, includeSecrets, template);
                break;
            case FieldKind.Variant when value is JsonObject chosen:
                UnbindVariant(field, template, path, chosen, values, includeSecrets);
                break;
            case FieldKind.List when value is JsonArray rows:
                for (var i = 0; i < rows.Count; i++)
                {
                    if (HasRowMark(field.Item!) && rows[i] is not null)
                    {
                        values.Add(FormPath.ListItem(path, i), SavedRowMark);
                    }

                    UnbindValue(field.Item!, field.Item!.Path, FormPath.ListItem(path, i), rows[i], values, includeSecrets);
                }

                break;
            case FieldKind.Text when value is JsonValue text && text.TryGetValue<string>(out var s):
                values.Add(path, s);
                break;
            case FieldKind.Boolean when value is JsonValue flag && flag.TryGetValue<bool>(out var b):
                values.Add(path, b ? "true" : "false");
                break;
            case FieldKind.Choice when field.Options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, value)) is { } option:
                values.Add(path, option.Key);
                break;
            case FieldKind.WholeNumber or FieldKind.Number when value is JsonValue number && number.GetValueKind() == JsonValueKind.Number:
                values.Add(path, number.ToJsonString());
                break;
            case FieldKind.RawJson:
                values.Add(path, value?.ToJsonString() ?? "null");
                break;
            default:
                // A value the field cannot show (a type the schema does not allow): keep it as JSON text.
                values.Add(path, value?.ToJsonString() ?? "null");
                break;
        }
    }

    private static void UnbindVariant(FormField field, string template, string path, JsonObject source, FormValues values, bool includeSecrets)
    {
        var index = field.Variants
            .Select((variant, i) => (variant, i))
            .Where(x => !x.variant.Hidden)
            .Where(x => x.variant.Discriminator is null || JsonNode.DeepEquals(source[x.variant.Discriminator], x.variant.DiscriminatorValue))
            .OrderByDescending(x => x.variant.Fields.Count(f => source.ContainsKey(f.Name)))
            .Select(x => (int?)x.i)
            .FirstOrDefault();
        if (index is not { } chosen)
        {
            return;
        }

        values.Add(FormPath.VariantSelector(path), chosen.ToString(CultureInfo.InvariantCulture));
        UnbindObject(field.Variants[chosen].Fields, FormPath.VariantRoot(path, chosen), source, values, includeSecrets, FormPath.VariantRoot(template, chosen));
    }
}

/// <summary>A field as it was bound: the model field and its concrete post name (rows numbered).</summary>
public sealed record BoundField(FormField Field, string Path);

/// <summary>The bound instance, the values that could not be read (by post name), and where each field's value lives.</summary>
public sealed record BindResult(JsonObject Instance, IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, BoundField> Fields);
