using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms;

/// <summary>
/// Builds a <see cref="FormModel"/> from any JSON Schema 2020-12 document. What it cannot express
/// becomes a raw JSON field with a note — never an exception, never a silently dropped field. Only
/// a schema that cannot be read at all (not JSON, an external or dangling <c>$ref</c>) is refused.
/// </summary>
public static class SchemaFormBuilder
{
    /// <summary>Objects nested deeper than this become JSON editors: no form is usable that deep.</summary>
    public const int MaxDepth = 24;

    /// <summary>A schema with more fields than this is refused (a form that large is a mistake or an attack).</summary>
    public const int MaxFields = 5_000;

    /// <summary>Builds the form of <paramref name="schemaText"/>, the schema as JSON text.</summary>
    public static FormBuildResult Build(string schemaText) => Build(schemaText, uiSchemaText: null);

    /// <summary>
    /// Builds the form of <paramref name="schemaText"/> and applies an rjsf-compatible uiSchema to it
    /// (see <see cref="UiSchema.UiSchemaApplier"/>); what the form cannot do of the uiSchema is told in
    /// the notes. Only a uiSchema that is not a JSON object is refused.
    /// </summary>
    public static FormBuildResult Build(string schemaText, string? uiSchemaText)
    {
        var (uiSchema, problem) = UiSchema.UiSchemaText.Parse(uiSchemaText);
        var built = BuildSchema(schemaText);
        if (problem is not null)
        {
            return new FormBuildResult(null, [.. built.Errors, problem]);
        }

        return built.Model is { } model && uiSchema is { Count: > 0 }
            ? built with { Model = UiSchema.UiSchemaApplier.Apply(model, uiSchema) }
            : built;
    }

    private static FormBuildResult BuildSchema(string schemaText)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(schemaText, documentOptions: new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            return FormBuildResult.Fail($"The schema is not valid JSON{(exception.LineNumber is { } line ? $" (line {line + 1})" : string.Empty)}.");
        }
        catch (InvalidOperationException)
        {
            // Thrown while names are compared for duplicates: a \u escape that is half a character.
            return FormBuildResult.Fail("The schema is not valid JSON: it holds a \\u escape that is not a whole Unicode character (a lone surrogate).");
        }

        return Build(root);
    }

    /// <summary>Builds the form of the schema <paramref name="root"/>, already parsed; it must be a JSON object.</summary>
    public static FormBuildResult Build(JsonNode? root)
    {
        if (root is not JsonObject)
        {
            return FormBuildResult.Fail("A form's schema must be a JSON object.");
        }

        var run = new BuildRun(new SchemaDocument(root));
        try
        {
            var effective = run.Document.Resolve(root, new HashSet<string>());
            var schema = effective.Schema as JsonObject ?? new JsonObject();
            run.Groups = SchemaVocabulary.Groups(schema);
            var fields = BuildRun.CannotBeAForm(schema) is { } reason
                ? [run.WholeDocument(schema, reason)]
                : run.ObjectFields(schema, path: string.Empty, pointer: string.Empty, depth: 0, effective.RefsInUse);
            return new FormBuildResult(
                new FormModel(SchemaVocabulary.Text(schema, "title"), SchemaVocabulary.Text(schema, "description"), fields, run.Notes),
                []);
        }
        catch (FormBuildException exception)
        {
            return FormBuildResult.Fail(exception.Message);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or JsonException)
        {
            // A node tree handed in directly may still hold duplicate names or text that is not valid Unicode.
            return FormBuildResult.Fail($"The schema cannot be read: {exception.Message}");
        }
    }

    /// <summary>The state of one build: the document, the notes so far, the field budget.</summary>
    private sealed class BuildRun(SchemaDocument document)
    {
        private int _fieldCount;

        public SchemaDocument Document { get; } = document;

        public List<string> Notes { get; } = [];

        /// <summary>The root's <c>groups</c>: section ids with their headings, in the order they are shown.</summary>
        public IReadOnlyList<(string Id, string Title)> Groups { get; set; } = [];

        /// <summary>Why the top level itself has to be edited as JSON, or null when it can be a form.</summary>
        public static string? CannotBeAForm(JsonObject schema) =>
            SchemaVocabulary.Unsupported.FirstOrDefault(schema.ContainsKey) is { } unsupported ? $"the form cannot express \"{unsupported}\""
            : schema["additionalProperties"] is JsonObject && schema["properties"] is null ? "it is a map of free-form keys"
            : null;

        public FormField WholeDocument(JsonObject schema, string reason)
        {
            Notes.Add($"The whole form is edited as JSON: {reason}.");
            return Base(string.Empty, FormPath.WholeDocument, string.Empty, SchemaVocabulary.Text(schema, "title") ?? "Values", schema, required: true)
                with { Kind = FieldKind.RawJson, Note = reason, Secret = Document.HoldsSecret };
        }

        /// <summary>The fields of an object schema: its properties, conditional fields and variants.</summary>
        public List<FormField> ObjectFields(JsonObject schema, string path, string pointer, int depth, IReadOnlySet<string> refs)
        {
            var required = Names(schema["required"]);
            var fields = new List<(FormField Field, double? Order, int Index)>();
            var properties = schema["properties"] as JsonObject ?? [];
            var index = 0;
            foreach (var (name, propertySchema) in properties)
            {
                if (propertySchema is JsonValue forbidden && forbidden.TryGetValue<bool>(out var allowed) && !allowed)
                {
                    Notes.Add($"{Describe(pointer, name)} is forbidden by the schema (false) and is not asked.");
                    continue;
                }

                var field = Field(name, FormPath.Property(path, name), FormPath.PointerProperty(pointer, name), propertySchema, required.Contains(name), depth + 1, refs);
                fields.Add((field, propertySchema is JsonObject o ? SchemaVocabulary.Order(o) : null, index++));
            }

            AddConditionalFields(schema, path, pointer, depth, refs, fields, ref index);
            AddDependencyFields(schema, path, pointer, depth, refs, fields, ref index);
            ApplyDependentRequired(schema, path, fields);

            // Sections stay together: the root's groups in their order, then other headings as they first appear.
            var sections = Groups.Select(g => g.Title)
                .Concat(fields.Select(f => f.Field.Section).OfType<string>())
                .Distinct(StringComparer.Ordinal)
                .Select((title, rank) => (title, rank))
                .ToDictionary(x => x.title, x => x.rank, StringComparer.Ordinal);
            var ordered = fields
                .OrderBy(f => f.Field.Section is { } section ? sections[section] + 1 : 0)
                .ThenBy(f => f.Order is null ? 1 : 0)
                .ThenBy(f => f.Order ?? 0)
                .ThenBy(f => f.Index)
                .Select(f => f.Field)
                .ToList();

            if (VariantOptions(schema) is { } options)
            {
                ordered.Add(Variant(string.Empty, path, pointer, options, required: true, depth, refs, schema) with { Inline = true });
            }

            return ordered;
        }

        private FormField Field(string name, string path, string pointer, JsonNode? rawSchema, bool required, int depth, IReadOnlySet<string> refs)
        {
            if (++_fieldCount > MaxFields)
            {
                throw new FormBuildException($"The schema has more than {MaxFields:N0} fields.");
            }

            var effective = Document.Resolve(rawSchema, refs);
            var title = Title(effective.Schema as JsonObject, name);
            FormField Raw(string note)
            {
                Notes.Add($"{(name.Length == 0 ? "A field" : $"'{title}'")} ({DescribePointer(pointer)}) is edited as JSON: {note}.");
                // JSON text holding a secret anywhere inside is a secret as a whole: never written back into a page.
                var field = Base(name, path, pointer, title, effective.Schema as JsonObject ?? [], required) with { Kind = FieldKind.RawJson, Note = note };
                return Document.SecretWithin(effective.Schema) || Document.SecretWithin(rawSchema) ? field with { Secret = true } : field;
            }

            if (effective.RecursiveRef is { } recursive)
            {
                return Raw($"it refers back to {recursive} (a recursive structure)");
            }

            if (effective.Schema is not JsonObject schema)
            {
                return Raw("its schema accepts any value");
            }

            if (SchemaVocabulary.Unsupported.FirstOrDefault(schema.ContainsKey) is { } unsupported)
            {
                return Raw($"the form cannot express \"{unsupported}\"");
            }

            var field = Base(name, path, pointer, title, schema, required);
            var (types, nullable) = Types(schema);
            field = field with { Nullable = nullable };

            if (schema["const"] is { } constant && types.Count <= 1)
            {
                var option = Option(constant, SchemaVocabulary.Text(schema, "title"));
                return field with { Kind = FieldKind.Choice, Options = [option], Default = constant.DeepClone(), ReadOnly = true };
            }

            if (schema["enum"] is JsonArray values)
            {
                return Choice(field, values, SchemaVocabulary.EnumLabels(schema));
            }

            if (ConstAlternatives(schema) is { } alternatives)
            {
                return field with { Kind = FieldKind.Choice, Options = alternatives };
            }

            if (types.Count > 1)
            {
                return Raw($"it may be any of {string.Join(", ", types)}");
            }

            var type = types.Count == 1 ? types[0] : InferType(schema);
            switch (type)
            {
                case "string":
                    return field with
                    {
                        Kind = FieldKind.Text,
                        Format = SchemaVocabulary.IsMultiline(schema) ? TextFormat.Multiline : Format(SchemaVocabulary.Text(schema, "format")),
                        Pattern = SchemaVocabulary.Text(schema, "pattern"),
                        PatternDescription = SchemaVocabulary.PatternDescription(schema),
                        MinLength = SchemaVocabulary.Int(schema, "minLength"),
                        MaxLength = SchemaVocabulary.Int(schema, "maxLength"),
                    };
                case "integer" or "number":
                    return Numeric(field with { Kind = type == "integer" ? FieldKind.WholeNumber : FieldKind.Number }, schema);
                case "boolean":
                    return field with { Kind = FieldKind.Boolean };
                case "array":
                    return List(field, schema, depth, effective.RefsInUse, Raw);
                case "object":
                    if (depth > MaxDepth)
                    {
                        return Raw($"it is nested more than {MaxDepth} levels deep");
                    }

                    if (schema["additionalProperties"] is JsonObject || schema["unevaluatedProperties"] is JsonObject)
                    {
                        return Raw("it is a map of free-form keys");
                    }

                    if (VariantOptions(schema) is { } variantOptions && schema["properties"] is null)
                    {
                        return Variant(name, path, pointer, variantOptions, required, depth, effective.RefsInUse, schema) with
                        {
                            Title = title,
                            Help = field.Help,
                            Default = field.Default,
                            Hidden = field.Hidden,
                            ReadOnly = field.ReadOnly,
                            Section = field.Section,
                            AlwaysShow = field.AlwaysShow,
                            Nullable = field.Nullable,
                        };
                    }

                    if (schema["oneOf"] is not null || schema["anyOf"] is not null)
                    {
                        if (VariantOptions(schema) is null)
                        {
                            return Raw("its alternatives are not all objects");
                        }
                    }

                    return field with { Kind = FieldKind.Group, Fields = ObjectFields(schema, path, pointer, depth, effective.RefsInUse) };
                default:
                    return Raw(type is null ? "its schema gives no type" : $"the type \"{type}\" is not supported");
            }
        }

        private FormField List(FormField field, JsonObject schema, int depth, IReadOnlySet<string> refs, Func<string, FormField> raw)
        {
            if (schema["items"] is not { } items || items is JsonValue)
            {
                return raw("its items have no schema");
            }

            if (items is JsonArray)
            {
                // Draft-07's tuple form: each position has its own schema, which a list of rows cannot show.
                return raw("its items are a tuple (one schema per position)");
            }

            // A row is never required on its own: rows are added or left out as a whole.
            var item = Field(string.Empty, FormPath.ListItemTemplate(field.Path), field.InstancePath + "/-", items, required: false, depth + 1, refs);
            if (item.Pattern is not null && item.PatternDescription is null)
            {
                // Specs often describe the items' pattern on the list itself.
                item = item with { PatternDescription = SchemaVocabulary.PatternDescription(schema) };
            }

            return field with
            {
                Kind = FieldKind.List,
                Item = item,

                // Rows of a hidden item cannot be filled in: the list is hidden as a whole.
                Hidden = field.Hidden || item.Hidden,
                MinItems = SchemaVocabulary.Int(schema, "minItems"),
                MaxItems = SchemaVocabulary.Int(schema, "maxItems"),
                UniqueItems = schema["uniqueItems"] is JsonValue unique && unique.GetValueKind() == System.Text.Json.JsonValueKind.True,
            };
        }

        private FormField Variant(string name, string path, string pointer, JsonArray options, bool required, int depth, IReadOnlySet<string> refs, JsonObject owner)
        {
            var resolved = options.Select(o => Document.Resolve(o, refs)).ToList();
            var discriminator = Discriminator(resolved.Select(r => r.Schema as JsonObject).ToList());
            var variants = new List<FormVariant>();
            for (var i = 0; i < resolved.Count; i++)
            {
                var option = resolved[i].Schema as JsonObject ?? [];
                var root = FormPath.VariantRoot(path, i);
                var fields = ObjectFields(WithoutProperty(option, discriminator), root, pointer, depth, resolved[i].RefsInUse);
                var constant = discriminator is null ? null : ((option["properties"] as JsonObject)?[discriminator] as JsonObject)?["const"]
                    ?? ((option["properties"] as JsonObject)?[discriminator] as JsonObject)?["enum"]?.AsArray().FirstOrDefault();
                var title = SchemaVocabulary.Text(option, "title")
                    ?? (constant is JsonValue v && v.TryGetValue<string>(out var text) ? Humanize(text) : null)
                    ?? $"Option {i + 1}";
                variants.Add(new FormVariant(title, SchemaVocabulary.Text(option, "description"), discriminator, constant?.DeepClone(), fields)
                {
                    Hidden = SchemaVocabulary.IsHidden(option),
                });
            }

            return new FormField
            {
                Name = name,
                Path = path,
                InstancePath = pointer,
                Kind = FieldKind.Variant,
                Title = SchemaVocabulary.Text(owner, "title") ?? (name.Length == 0 ? "Type" : Humanize(name)),
                Help = SchemaVocabulary.Text(owner, "description"),
                Required = required,
                Variants = variants,
            };
        }

        // if/then/else on a sibling's value: the new properties of then/else are shown only while it holds.
        private void AddConditionalFields(JsonObject schema, string path, string pointer, int depth, IReadOnlySet<string> refs, List<(FormField Field, double? Order, int Index)> fields, ref int index)
        {
            if (schema["if"] is not JsonObject condition || (schema["then"] is null && schema["else"] is null))
            {
                return;
            }

            var parsed = ParseCondition(condition, path);
            if (parsed is null)
            {
                Notes.Add($"The if/then/else at {DescribePointer(pointer)} tests something other than one field's value; its fields are always shown.");
            }

            foreach (var (branch, negated) in new[] { ("then", false), ("else", true) })
            {
                if (Document.Resolve(schema[branch], refs).Schema is not JsonObject branchSchema || branchSchema["properties"] is not JsonObject properties)
                {
                    continue;
                }

                var required = Names(branchSchema["required"]);
                foreach (var (name, propertySchema) in properties)
                {
                    if (fields.Any(f => f.Field.Name == name))
                    {
                        continue;
                    }

                    var field = Field(name, FormPath.Property(path, name), FormPath.PointerProperty(pointer, name), propertySchema, required.Contains(name), depth + 1, refs);
                    var visible = parsed is null ? null : parsed with { Negated = negated };
                    fields.Add((field with { VisibleWhen = visible }, propertySchema is JsonObject o ? SchemaVocabulary.Order(o) : null, index++));
                }
            }
        }

        // Draft-07's schema dependencies: {"dependencies": {"pets": {"oneOf": [{"properties": {"pets": {"enum": ["one"]},
        // "age": {...}}}, ...]}}} shows each option's other properties while the trigger has that option's
        // values, as rjsf does; a dependency without such options shows its properties always.
        private void AddDependencyFields(JsonObject schema, string path, string pointer, int depth, IReadOnlySet<string> refs, List<(FormField Field, double? Order, int Index)> fields, ref int index)
        {
            if (schema["dependencies"] is not JsonObject dependencies)
            {
                return;
            }

            foreach (var (trigger, dependency) in dependencies)
            {
                if (Document.Resolve(dependency, refs).Schema is not JsonObject dependent)
                {
                    // A list of names is a property dependency (see ApplyDependentRequired).
                    continue;
                }

                var options = dependent["oneOf"] is JsonArray oneOf
                    ? oneOf.Select(o => Document.Resolve(o, refs).Schema as JsonObject).ToList()
                    : [dependent];
                var conditional = dependent["oneOf"] is JsonArray && options.All(o => o is not null && TriggerValues(o, trigger) is not null);
                if (!conditional && options.Any(o => o?["properties"] is JsonObject { Count: > 0 }))
                {
                    Notes.Add(dependent["oneOf"] is null
                        ? $"The fields that '{trigger}' brings in at {DescribePointer(pointer)} are always shown (the form cannot show them only once '{trigger}' is filled in)."
                        : $"The dependency on '{trigger}' at {DescribePointer(pointer)} has alternatives that do not each fix its value; their fields are always shown.");
                }

                foreach (var option in options.OfType<JsonObject>())
                {
                    var required = Names(option["required"]);
                    var values = conditional ? TriggerValues(option, trigger)! : null;
                    foreach (var (name, propertySchema) in option["properties"] as JsonObject ?? [])
                    {
                        var at = fields.FindIndex(f => f.Field.Name == name);
                        if (name == trigger || (at >= 0 && (values is null || fields[at].Field.VisibleWhen?.Property != trigger)))
                        {
                            continue;
                        }

                        if (at >= 0)
                        {
                            // The same property in several options: shown for the values of each.
                            var entry = fields[at];
                            var condition = entry.Field.VisibleWhen!;
                            fields[at] = entry with { Field = entry.Field with { VisibleWhen = condition with { Values = [.. condition.Values, .. values!] } } };
                            continue;
                        }

                        var field = Field(name, FormPath.Property(path, name), FormPath.PointerProperty(pointer, name), propertySchema, required.Contains(name), depth + 1, refs);
                        var visible = values is null ? null : new FieldCondition(FormPath.Property(path, trigger), trigger, values, Negated: false);
                        fields.Add((field with { VisibleWhen = visible }, propertySchema is JsonObject o ? SchemaVocabulary.Order(o) : null, index++));
                    }
                }
            }
        }

        private static List<JsonNode?>? TriggerValues(JsonObject option, string trigger) =>
            ((option["properties"] as JsonObject)?[trigger] as JsonObject) is { } test
                ? test["const"] is { } constant ? [constant.DeepClone()]
                    : test["enum"] is JsonArray many ? [.. many.Select(v => v?.DeepClone())]
                    : null
                : null;

        private static FieldCondition? ParseCondition(JsonObject condition, string path)
        {
            if (condition["properties"] is not JsonObject properties || properties.Count != 1)
            {
                return null;
            }

            var (name, test) = properties.First();
            if (test is not JsonObject testSchema)
            {
                return null;
            }

            var values = testSchema["const"] is { } constant ? [constant.DeepClone()]
                : testSchema["enum"] is JsonArray many ? many.Select(v => v?.DeepClone()).ToList()
                : null;
            return values is null ? null : new FieldCondition(FormPath.Property(path, name), name, values, Negated: false);
        }

        private static void ApplyDependentRequired(JsonObject schema, string path, List<(FormField Field, double? Order, int Index)> fields)
        {
            // Draft-07 spells dependentRequired as "dependencies" with a list of names.
            var dependencies = (schema["dependentRequired"] as JsonObject ?? [])
                .Concat((schema["dependencies"] as JsonObject ?? []).Where(d => d.Value is JsonArray));
            foreach (var (trigger, names) in dependencies)
            {
                foreach (var name in Names(names))
                {
                    var at = fields.FindIndex(f => f.Field.Name == name);
                    if (at >= 0)
                    {
                        var entry = fields[at];
                        fields[at] = entry with { Field = entry.Field with { RequiredWhenPresent = [.. entry.Field.RequiredWhenPresent, FormPath.Property(path, trigger)] } };
                    }
                }
            }
        }

        private FormField Base(string name, string path, string pointer, string title, JsonObject schema, bool required)
        {
            var examples = schema["examples"] as JsonArray;
            return new FormField
            {
                Name = name,
                Path = path,
                InstancePath = pointer,
                Kind = FieldKind.RawJson,
                Title = title,
                Help = SchemaVocabulary.Text(schema, "description"),
                Required = required,
                Default = schema["default"]?.DeepClone(),
                Placeholder = examples?.FirstOrDefault() is JsonValue example ? ScalarText(example) : null,
                Examples = examples is null ? [] : [.. examples.Select(e => e?.DeepClone())],
                ReadOnly = SchemaVocabulary.Flag(schema, "readOnly"),
                Secret = SchemaVocabulary.IsSecret(schema),
                Hidden = SchemaVocabulary.IsHidden(schema),
                Section = SectionTitle(SchemaVocabulary.Section(schema)),
                AlwaysShow = SchemaVocabulary.AlwaysShow(schema),
            };
        }

        private string? SectionTitle(string? group) =>
            group is null ? null : Groups.FirstOrDefault(g => g.Id == group) is { Title: { } title } ? title : Humanize(group);

        private static FormField Numeric(FormField field, JsonObject schema)
        {
            var exclusiveMinimum = SchemaVocabulary.Decimal(schema, "exclusiveMinimum");
            var exclusiveMaximum = SchemaVocabulary.Decimal(schema, "exclusiveMaximum");
            return field with
            {
                Minimum = exclusiveMinimum ?? SchemaVocabulary.Decimal(schema, "minimum"),
                ExclusiveMinimum = exclusiveMinimum is not null,
                Maximum = exclusiveMaximum ?? SchemaVocabulary.Decimal(schema, "maximum"),
                ExclusiveMaximum = exclusiveMaximum is not null,
            };
        }

        private static FormField Choice(FormField field, JsonArray values, JsonArray? labels)
        {
            var options = values
                .Select((value, i) => Option(value, labels is not null && i < labels.Count && labels[i] is JsonValue label && label.TryGetValue<string>(out var text) ? text : null))
                .ToList();
            return field with { Kind = FieldKind.Choice, Options = DistinctKeys(options) };
        }

        // oneOf/anyOf whose every alternative is a const: a choice with labels.
        private static List<ChoiceOption>? ConstAlternatives(JsonObject schema)
        {
            var alternatives = (schema["oneOf"] ?? schema["anyOf"]) as JsonArray;
            if (alternatives is null || alternatives.Count == 0 || !alternatives.All(a => a is JsonObject o && o.ContainsKey("const")))
            {
                return null;
            }

            return DistinctKeys([.. alternatives.Cast<JsonObject>().Select(a => Option(a["const"], SchemaVocabulary.Text(a, "title")))]);
        }

        private static JsonArray? VariantOptions(JsonObject schema)
        {
            var alternatives = (schema["oneOf"] ?? schema["anyOf"]) as JsonArray;
            return alternatives is { Count: > 0 } && alternatives.All(a => a is JsonObject o && !o.ContainsKey("const") && (o.ContainsKey("properties") || o.ContainsKey("$ref") || o.ContainsKey("required") || Text(o, "type") == "object"))
                ? alternatives
                : null;

            static string? Text(JsonObject o, string k) => SchemaVocabulary.Text(o, k);
        }

        // The property every option fixes to a different const: it tells the options apart.
        private static string? Discriminator(List<JsonObject?> options)
        {
            if (options.Any(o => o is null) || options.Count == 0)
            {
                return null;
            }

            var candidates = (options[0]!["properties"] as JsonObject)?.Select(p => p.Key) ?? [];
            foreach (var name in candidates)
            {
                var constants = options.Select(o => ((o!["properties"] as JsonObject)?[name] as JsonObject) is { } p
                    ? p["const"] ?? (p["enum"] is JsonArray { Count: 1 } single ? single[0] : null)
                    : null).ToList();
                if (constants.All(c => c is not null) && constants.Select(c => c!.ToJsonString()).Distinct().Count() == constants.Count)
                {
                    return name;
                }
            }

            return null;
        }

        private static JsonObject WithoutProperty(JsonObject option, string? property)
        {
            if (property is null || option["properties"] is not JsonObject properties || !properties.ContainsKey(property))
            {
                return option;
            }

            var copy = (JsonObject)option.DeepClone();
            ((JsonObject)copy["properties"]!).Remove(property);
            return copy;
        }

        private static (List<string> Types, bool Nullable) Types(JsonObject schema)
        {
            var types = schema["type"] switch
            {
                JsonValue single when single.TryGetValue<string>(out var t) => [t],
                JsonArray many => many.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Distinct().ToList(),
                _ => new List<string>(),
            };
            var nullable = types.Remove("null");
            return (types, nullable);
        }

        private static string? InferType(JsonObject schema) =>
            schema.ContainsKey("properties") || schema.ContainsKey("required") || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf") ? "object"
            : schema.ContainsKey("items") ? "array"
            : schema.ContainsKey("format") || schema.ContainsKey("pattern") || schema.ContainsKey("minLength") || schema.ContainsKey("maxLength") ? "string"
            : schema.ContainsKey("minimum") || schema.ContainsKey("maximum") ? "number"
            : null;

        private static TextFormat Format(string? format) => format switch
        {
            "uri" or "iri" or "uri-reference" => TextFormat.Uri,
            "email" or "idn-email" => TextFormat.Email,
            "date" => TextFormat.Date,
            "date-time" => TextFormat.DateTime,
            "time" => TextFormat.Time,
            "hostname" or "idn-hostname" => TextFormat.Hostname,
            "ipv4" => TextFormat.IPv4,
            "ipv6" => TextFormat.IPv6,
            "uuid" => TextFormat.Uuid,
            _ => TextFormat.Plain,
        };

        // "2" and 2 would both post as "2": when keys collide, every option posts its JSON text instead.
        private static List<ChoiceOption> DistinctKeys(List<ChoiceOption> options) =>
            options.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count() == options.Count
                ? options
                : [.. options.Select(o => o with { Key = o.Value?.ToJsonString() ?? "null" })];

        private static ChoiceOption Option(JsonNode? value, string? label)
        {
            var key = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "null";
            return new ChoiceOption(value?.DeepClone(), label ?? key, key);
        }

        private static HashSet<string> Names(JsonNode? node) =>
            node is JsonArray array
                ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : [];

        private static string Title(JsonObject? schema, string name) =>
            (schema is null ? null : SchemaVocabulary.Text(schema, "title")) ?? (name.Length == 0 ? "Item" : Humanize(name));

        private static string? ScalarText(JsonValue value) =>
            value.TryGetValue<string>(out var text) ? text : value.ToJsonString();

        private static string Describe(string pointer, string name) => $"'{name}' ({DescribePointer(FormPath.PointerProperty(pointer, name))})";

        private static string DescribePointer(string pointer) => pointer.Length == 0 ? "the top level" : pointer;
    }

    /// <summary>"security_token", "securityToken" → "Security token".</summary>
    public static string Humanize(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-')
            {
                builder.Append(' ');
            }
            else if (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(builder.Length == 0 ? char.ToUpper(c, CultureInfo.InvariantCulture) : c);
            }
        }

        var text = builder.ToString().Trim();
        return text.Length == 0 ? name : text;
    }
}

/// <summary>The model, or why the schema cannot become a form at all.</summary>
public sealed record FormBuildResult(FormModel? Model, IReadOnlyList<string> Errors)
{
    /// <summary>No model, for the one reason <paramref name="error"/>.</summary>
    public static FormBuildResult Fail(string error) => new(null, [error]);
}
