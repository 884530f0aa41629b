using Flows.Forms;
using System.Text.Json;
using Flows.Host.Schemas;
using Json.Schema;

namespace Flows.Host.Plugins.Manifests;

/// <summary>
/// Validates manifests against <c>schemas/plugin-manifest.schema.json</c> (embedded in the host).
/// The schema is built on first use only, so a run whose manifests are all known-valid never loads
/// the JSON Schema library (see <see cref="ManifestValidationCache"/>).
/// </summary>
internal sealed class ManifestSchemaValidator
{
    private const string ResourceName = "Flows.Host.plugin-manifest.schema.json";

    // A reference type inside the Lazy: a tuple would make loading this class load the schema library.
    private readonly Lazy<CompiledSchema> _schema = new(CompiledSchema.Build);

    /// <summary>The schema's text, which identifies which rules a cached verdict was reached under.</summary>
    public static string SchemaText { get; } = ReadSchemaText();

    public IReadOnlyList<ManifestProblem> Validate(JsonElement manifest)
    {
        var (schema, document) = _schema.Value;
        var results = schema.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var problems = JsonSchemaProblems.From(results, document).Select(p => new ManifestProblem(p.Path, p.Message)).ToList();
        return problems.Count > 0 ? problems : [new ManifestProblem("$", "does not match the plugin manifest schema")];
    }

    private sealed record CompiledSchema(JsonSchema Schema, JsonElement Document)
    {
        public static CompiledSchema Build() =>
            // A private registry: the schema's $id must not collide with anything else in the process.
            new(JsonSchema.FromText(SchemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() }),
                JsonDocument.Parse(SchemaText).RootElement.Clone());
    }

    private static string ReadSchemaText()
    {
        using var stream = typeof(ManifestSchemaValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The plugin manifest schema is missing from Flows.Host.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
