using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Forms;

namespace Flows.Web.Api;

/// <summary>
/// Turns the <c>values</c> of a request into what a form would post. Form posts are text, so the
/// binder would quietly read <c>42</c> as the text "42" and drop names it does not know; here a value
/// of the wrong JSON type or a name the form does not have is refused instead, at its JSON Pointer.
/// A secret given as <c>null</c> becomes the form's "clear this secret" (a secret left out is kept).
/// </summary>
internal static class AccountValues
{
    /// <summary>The form values, or the problems (keyed by JSON Pointer within <paramref name="values"/>).</summary>
    public static (FormValues? Values, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors) Read(FormModel model, JsonObject values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var run = new Run();
        if (model.Fields is not [{ Kind: FieldKind.RawJson, Path: FormPath.WholeDocument }])
        {
            run.Object(model.Fields, values, string.Empty, string.Empty, string.Empty);
        }

        if (run.Errors.Count > 0)
        {
            return (null, run.Errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal));
        }

        var posted = FormBinder.Unbind(model, values, includeSecrets: true);
        foreach (var path in run.ClearedSecrets)
        {
            posted.Add(FormPath.ClearSecret(path), "true");
        }

        return (posted, new Dictionary<string, IReadOnlyList<string>>());
    }

    private sealed class Run
    {
        public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

        public List<string> ClearedSecrets { get; } = [];

        /// <summary>Checks an object's properties; <paramref name="template"/> and <paramref name="concrete"/> are the post-name prefixes of its fields.</summary>
        public void Object(IReadOnlyList<FormField> fields, JsonObject target, string pointer, string template, string concrete)
        {
            var known = new Dictionary<string, (FormField? Field, string Template, string Concrete)>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (!field.Inline)
                {
                    known.TryAdd(field.Name, (field, template, concrete));
                    continue;
                }

                // A variant's fields live in this object; those of the chosen option are checked first.
                var variantPath = FormPath.Rebase(field.Path, template, concrete);
                var chosen = ChosenVariant(field, target);
                foreach (var index in Enumerable.Range(0, field.Variants.Count).OrderBy(i => i == chosen ? 0 : 1))
                {
                    var variant = field.Variants[index];
                    if (variant.Discriminator is { } discriminator)
                    {
                        known.TryAdd(discriminator, (null, template, concrete));
                    }

                    foreach (var child in variant.Fields)
                    {
                        known.TryAdd(child.Name, (child, FormPath.VariantRoot(field.Path, index), FormPath.VariantRoot(variantPath, index)));
                    }
                }
            }

            foreach (var (name, value) in target)
            {
                var at = FormPath.PointerProperty(pointer, name);
                if (!known.TryGetValue(name, out var entry))
                {
                    Add(at, FieldNames.NotAField(name, known.Keys));
                }
                else if (entry.Field is { } field)
                {
                    Value(field, value, at, FormPath.Rebase(field.Path, entry.Template, entry.Concrete));
                }
            }
        }

        private void Value(FormField field, JsonNode? value, string pointer, string path)
        {
            if (value is null)
            {
                // null: not given; for a secret, "clear it".
                if (field.Secret)
                {
                    ClearedSecrets.Add(path);
                }

                return;
            }

            switch (field.Kind)
            {
                case FieldKind.Text when Is(value, JsonValueKind.String):
                case FieldKind.WholeNumber or FieldKind.Number when Is(value, JsonValueKind.Number):
                case FieldKind.Boolean when Is(value, JsonValueKind.True) || Is(value, JsonValueKind.False):
                case FieldKind.Choice or FieldKind.RawJson:
                    // Ranges, formats, choices: the schema says, with the form's words.
                    return;
                case FieldKind.Group when value is JsonObject group:
                    Object(field.Fields, group, pointer, field.Path, path);
                    return;
                case FieldKind.Variant when value is JsonObject chosen:
                    // The options' fields live in the variant's own object: check them as if inline.
                    Object([field with { Inline = true }], chosen, pointer, field.Path, path);
                    return;
                case FieldKind.List when value is JsonArray rows:
                    for (var i = 0; i < rows.Count; i++)
                    {
                        Value(field.Item!, rows[i], $"{pointer}/{i}", FormPath.ListItem(path, i));
                    }

                    return;
                default:
                    // Never echo the value: it may be a secret.
                    Add(pointer, ErrorText.WrongType(field));
                    return;
            }
        }

        private void Add(string pointer, string message)
        {
            if (!Errors.TryGetValue(pointer, out var list))
            {
                Errors[pointer] = list = [];
            }

            list.Add(message);
        }

        // The option the binder will show for these values: the one whose discriminator matches, with the most of its fields given.
        private static int? ChosenVariant(FormField field, JsonObject source) =>
            field.Variants
                .Select((variant, i) => (variant, i))
                .Where(x => x.variant.Discriminator is null || JsonNode.DeepEquals(source[x.variant.Discriminator], x.variant.DiscriminatorValue))
                .OrderByDescending(x => x.variant.Fields.Count(f => source.ContainsKey(f.Name)))
                .Select(x => (int?)x.i)
                .FirstOrDefault();

        private static bool Is(JsonNode value, JsonValueKind kind) => value is JsonValue v && v.GetValueKind() == kind;
    }
}
