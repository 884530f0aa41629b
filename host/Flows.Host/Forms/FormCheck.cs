using System.Text.Json.Nodes;

namespace Flows.Host.Forms;

/// <summary>
/// What <c>flows forms check</c> finds out about one schema: can a form be built, what it asks,
/// which parts degrade, and whether a sample filled in through the form binds back into an instance
/// the schema accepts, unchanged by a second trip through the form.
/// </summary>
public static class FormCheck
{
    public static FormCheckReport Run(string schemaText)
    {
        var loaded = FormSchema.Load(schemaText);
        if (loaded.Schema is not { } schema)
        {
            return new FormCheckReport(false, 0, [], [], [], loaded.Errors, null);
        }

        var fields = schema.Model.AllFields().ToList();
        var secrets = fields.Where(f => f.Secret).Select(f => f.Path).ToList();
        var degraded = fields.Where(f => f.Kind == FieldKind.RawJson).Select(f => f.Path.Length == 0 ? "(top level)" : f.Path).ToList();
        var problems = new List<string>();

        var submission = schema.Submit(SampleValues.For(schema.Model));
        problems.AddRange(submission.Errors.Fields.SelectMany(p => p.Value.Select(m => $"sample {p.Key}: {m}")));
        problems.AddRange(submission.Errors.Form.Select(m => $"sample: {m}"));

        var again = FormBinder.Bind(schema.Model, FormBinder.Unbind(schema.Model, submission.Instance, includeSecrets: true)).Instance;
        if (!JsonNode.DeepEquals(again, submission.Instance))
        {
            problems.Add($"round trip changed the instance: {submission.Instance.ToJsonString()} became {again.ToJsonString()}");
        }

        var inputs = fields.Count(f => f.Kind is not (FieldKind.Group or FieldKind.List or FieldKind.Variant));
        return new FormCheckReport(problems.Count == 0, inputs, secrets, degraded, schema.Model.Notes, problems, submission.Instance);
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
    JsonObject? Sample);
