using System.Text.Json.Nodes;
using Flows.Forms;
using Flows.Host.Schemas;

namespace Flows.Authoring;

/// <summary>
/// What <c>flows forms check</c> finds out about one schema: can a form be built, what it asks,
/// which parts degrade, and whether a sample filled in through the form binds back into an instance
/// the schema accepts, unchanged by a second trip through the form.
/// </summary>
public static class FormCheck
{
    private const int MaxRounds = 8;

    /// <param name="name">Names the schema in messages (its file name).</param>
    public static FormCheckReport Run(string schemaText, string name = "The schema")
    {
        // The JSON Schema checks plugins check runs, so that both say the same thing about a schema.
        var checkedSchema = AccountSchemaLoader.CheckJsonSchema(schemaText, name);
        if (!checkedSchema.IsValid)
        {
            return new FormCheckReport(false, 0, [], [], [], checkedSchema.Problems, null) { Warnings = checkedSchema.Warnings };
        }

        var loaded = FormSchema.Load(schemaText);
        if (loaded.Schema is not { } schema)
        {
            return new FormCheckReport(false, 0, [], [], [], loaded.Errors, null) { Warnings = checkedSchema.Warnings };
        }

        var fields = schema.Model.AllFields().ToList();
        var secrets = fields.Where(f => f.Secret).Select(f => f.Path).ToList();
        var degraded = fields.Where(f => f.Kind == FieldKind.RawJson).Select(f => f.Path.Length == 0 ? "(top level)" : f.Path).ToList();
        var problems = new List<string>();

        var overview = FormOverview.Of(schema.Model);
        var submission = FillIn(schema);
        problems.AddRange(submission.Errors.Fields.SelectMany(p => overview.Hidden.Any(h => FormPath.IsAtOrUnder(FormPath.Template(p.Key), h))
            ? [$"{p.Key} is hidden but the schema still wants a value for it ({string.Join(" ", p.Value)}) and its default does not give one: no one can fill it in, so every save would be refused. Give it a default that fits, or show it."]
            : p.Value.Select(m => $"sample {p.Key}: {m}")));
        problems.AddRange(submission.Errors.Form.Select(m => $"sample: {m}"));

        var again = FormBinder.Bind(schema.Model, FormBinder.Unbind(schema.Model, submission.Instance, includeSecrets: true)).Instance;
        if (!JsonNode.DeepEquals(again, submission.Instance))
        {
            problems.Add($"round trip changed the instance: {submission.Instance.ToJsonString()} became {again.ToJsonString()}");
        }

        var inputs = fields.Count(f => f.Kind is not (FieldKind.Group or FieldKind.List or FieldKind.Variant));
        return new FormCheckReport(problems.Count == 0, inputs, secrets, degraded, schema.Model.Notes, problems, submission.Instance)
        {
            Warnings = checkedSchema.Warnings,
            Seen = overview,
        };
    }

    // Fills the form like a person correcting what was refused: each refused field moves on to its
    // next candidate value (default, examples, generated, left empty) for a few rounds.
    private static FormSubmission FillIn(FormSchema schema)
    {
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var submission = schema.Submit(SampleValues.For(schema.Model, attempts));
        for (var round = 1; round < MaxRounds && !submission.IsValid; round++)
        {
            var fields = FormBinder.Bind(schema.Model, SampleValues.For(schema.Model, attempts)).Fields.Values.ToDictionary(f => f.Path, f => f.Field, StringComparer.Ordinal);
            var moved = false;
            foreach (var path in submission.Errors.Fields.Keys)
            {
                var next = attempts.GetValueOrDefault(path) + 1;
                if (fields.TryGetValue(path, out var field) && SampleValues.HasCandidate(field, next))
                {
                    attempts[path] = next;
                    moved = true;
                }
            }

            if (!moved)
            {
                break;
            }

            submission = schema.Submit(SampleValues.For(schema.Model, attempts));
        }

        return submission;
    }
}

/// <summary>The outcome of <see cref="FormCheck.Run"/>.</summary>
/// <param name="Inputs">How many inputs the form has (containers not counted).</param>
/// <param name="Sample">The instance the sample values bound to, when the schema could be read.</param>
public sealed record FormCheckReport(
    bool Passed,
    int Inputs,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<string> Degraded,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Problems,
    JsonObject? Sample)
{
    /// <summary>Harmless faults of the schema (malformed annotations): reported, never a failure.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What users will see of the form, when one could be built.</summary>
    public FormOverview? Seen { get; init; }
}
