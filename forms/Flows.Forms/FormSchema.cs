using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Flows.Forms;

/// <summary>
/// A JSON Schema ready to use as a form: its form model and its compiled validator. Build one per
/// schema and reuse it; binding and validating a submission are then cheap.
/// </summary>
public sealed class FormSchema
{
    // Patterns come from third-party schemas: a catastrophic one must not hang the host.
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly EvaluationOptions Evaluation = new()
    {
        // Hierarchical, so that the failures inside alternatives that did not matter (the options of
        // a oneOf that another option satisfied) can be told apart from real ones.
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
    };

    // Keywords whose value is a map from names to schemas, and keywords whose value is data, not schemas.
    private static readonly HashSet<string> NameMapKeywords = ["properties", "definitions", "$defs", "patternProperties", "dependentSchemas", "dependencies"];
    private static readonly HashSet<string> ValueKeywords = ["default", "const", "enum", "examples"];

    // Values edited as JSON may nest; the form's own levels come on top of theirs.
    private static readonly JsonSerializerOptions DeepDocuments = new() { MaxDepth = 512 };

    private readonly JsonSchema _validator;
    private readonly IReadOnlyList<(FormField Field, Regex Pattern)> _patterns;

    private FormSchema(FormModel model, JsonSchema validator)
    {
        Model = model;
        _validator = validator;
        _patterns = [.. model.AllFields()
            .Where(f => f.Pattern is not null)
            .Select(f => (f, TryRegex(f.Pattern!)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.f, p.Item2!))];
    }

    /// <summary>The form the schema becomes.</summary>
    public FormModel Model { get; }

    /// <summary>Reads <paramref name="schemaText"/>; never throws for a bad schema, it reports it.</summary>
    public static FormSchemaResult Load(string schemaText) => Load(schemaText, uiSchemaText: null);

    /// <summary>
    /// Reads <paramref name="schemaText"/> and applies the rjsf-compatible uiSchema <paramref name="uiSchemaText"/>
    /// (null or empty for none); never throws for a bad schema or uiSchema, it reports it.
    /// </summary>
    public static FormSchemaResult Load(string schemaText, string? uiSchemaText)
    {
        var built = SchemaFormBuilder.Build(schemaText, uiSchemaText);
        if (built.Model is not { } model)
        {
            return new FormSchemaResult(null, built.Errors);
        }

        try
        {
            // A private registry: schemas of different plugins may share an $id. The dialect comes from
            // the shared rule and is given explicitly, so that no spelling of $schema means a download.
            using var document = JsonDocument.Parse(schemaText, new JsonDocumentOptions { MaxDepth = 256 });
            var dialect = SchemaDialects.Of(document.RootElement);
            if (dialect.Dialect is not { } known)
            {
                return new FormSchemaResult(null, [dialect.Problem!]);
            }

            var (validation, notes) = ForValidation(document.RootElement);
            var validator = JsonSchema.Build(
                validation,
                new BuildOptions { SchemaRegistry = FormVocabulary.NewRegistry(), Dialect = known.Dialect });
            return new FormSchemaResult(new FormSchema(notes.Count == 0 ? model : model with { Notes = [.. model.Notes, .. notes] }, validator), []);
        }
        catch (Exception exception) when (exception is JsonException or JsonSchemaException or InvalidOperationException or ArgumentException or FormatException or RefResolutionException)
        {
            return new FormSchemaResult(null, [$"The schema cannot be used for validation: {exception.Message}"]);
        }
    }

    // The dialect is given to the builder; a malformed annotation changes no value's validity but
    // would stop the build, so it is left out (the checks report it as a warning). Where a string has
    // both a format and a pattern, the pattern decides. A required name no property defines is not
    // required (see RequiredWithoutProperty), and the form's notes say so.
    private static (JsonElement Schema, IReadOnlyList<string> Notes) ForValidation(JsonElement root)
    {
        if (JsonNode.Parse(root.GetRawText(), documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) is not JsonObject schema)
        {
            return (root.Clone(), []);
        }

        schema.Remove("$schema");
        DropMalformedAnnotations(schema, isNameMap: false);
        PatternOverFormat.Apply(schema);
        var notes = RequiredWithoutProperty.Apply(schema);
        return (JsonSerializer.SerializeToElement(schema, DeepDocuments), notes);
    }

    private static void DropMalformedAnnotations(JsonNode? node, bool isNameMap)
    {
        switch (node)
        {
            case JsonObject schema:
                if (!isNameMap && schema.TryGetPropertyValue("examples", out var examples) && examples is not JsonArray)
                {
                    schema.Remove("examples");
                }

                foreach (var (key, child) in schema.ToList())
                {
                    if (isNameMap || !ValueKeywords.Contains(key))
                    {
                        DropMalformedAnnotations(child, isNameMap: !isNameMap && NameMapKeywords.Contains(key));
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    DropMalformedAnnotations(item, isNameMap: false);
                }

                break;
        }
    }

    /// <summary>Binds posted values (keeping stored secrets when editing) and validates the result.</summary>
    public FormSubmission Submit(FormValues values, JsonObject? stored = null)
    {
        var bound = FormBinder.Bind(Model, values, stored);
        var errors = new FormErrors();
        Validate(bound, errors);

        // A value that could not even be read says more than what the validator makes of its absence.
        foreach (var (path, message) in bound.Errors)
        {
            errors.ReplaceField(path, message);
        }

        return new FormSubmission(bound.Instance, errors);
    }

    /// <summary>Validates an instance that did not come through a form (an API call, a stored record).</summary>
    public FormErrors Validate(JsonObject instance)
    {
        var errors = new FormErrors();
        try
        {
            // The instance is also the stored value: what a form would not take from a post (a disabled
            // field, a row a list that cannot grow would refuse) is still there to find errors in.
            var bound = FormBinder.Bind(Model, FormBinder.Unbind(Model, instance, includeSecrets: true), instance);
            Validate(bound with { Instance = instance }, errors);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or JsonException)
        {
            // An instance from an API call can be malformed in ways no form post can be.
            errors.AddForm($"The values cannot be read: {exception.Message}");
        }

        return errors;
    }

    private void Validate(BindResult bound, FormErrors errors)
    {
        if (!PatternsAnswerInTime(bound, errors))
        {
            return;
        }

        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(bound.Instance, DeepDocuments);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            errors.AddForm($"The values cannot be checked: {exception.Message}");
            return;
        }

        EvaluationResults results;
        try
        {
            results = _validator.Evaluate(element, Evaluation);
        }
        catch (RegexMatchTimeoutException)
        {
            errors.AddForm("A pattern in this form's schema took too long to check; the values could not be validated.");
            return;
        }
        catch (JsonException)
        {
            // The validator writes an offending value into its message, and a value nested deeper than
            // its writer allows (64 levels) makes that throw.
            errors.AddForm("The values cannot be checked: a value is nested too deeply.");
            return;
        }
        catch (JsonSchemaException exception)
        {
            // The schema, not the user, is at fault; say so rather than fail the request.
            errors.AddForm($"This form's schema could not check the values: {exception.Message}");
            return;
        }

        if (!results.IsValid)
        {
            ErrorMapper.Map(results, bound, errors);
        }
    }

    // Checks every patterned value with a time limit before the validator (which has none) sees it.
    private bool PatternsAnswerInTime(BindResult bound, FormErrors errors)
    {
        var inTime = true;
        foreach (var (pointer, visited) in bound.Fields)
        {
            var pattern = _patterns.FirstOrDefault(p => ReferenceEquals(p.Field, visited.Field)).Pattern;
            if (pattern is null || JsonPointers.Find(bound.Instance, pointer) is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                continue;
            }

            // Asked twice before giving up: on a busy machine the first match in a process can overrun the
            // limit while the regex engine loads, where a pattern that is really too complex overruns both.
            if (!AnswersInTime(pattern, text) && !AnswersInTime(pattern, text))
            {
                errors.AddField(visited.Path, $"{visited.Field.Title} could not be checked against its pattern in time; the schema's pattern is too complex.");
                inTime = false;
            }
        }

        return inTime;
    }

    private static bool AnswersInTime(Regex pattern, string text)
    {
        try
        {
            pattern.IsMatch(text);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex? TryRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>A usable schema, or why it is not one.</summary>
public sealed record FormSchemaResult(FormSchema? Schema, IReadOnlyList<string> Errors);

/// <summary>The bound instance and what is wrong with it (empty when it is valid).</summary>
public sealed record FormSubmission(JsonObject Instance, FormErrors Errors)
{
    /// <summary>Whether there is nothing wrong with the submission, so it can be saved.</summary>
    public bool IsValid => Errors.IsEmpty;
}
