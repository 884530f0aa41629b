using System.Text.Json;
using Json.Schema;

namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// A published spec's own examples and defaults of fields outside lists and variants (those inside
/// are what forms check's sample starts from), kept where the spec's own subschema accepts them.
/// </summary>
public static class OwnExamplesAndDefaults
{
    public static IReadOnlyList<(FormField Field, JsonNode Value)> ValidFor(string file, FormModel model)
    {
        var spec = PublishedSpecs.Schema(file);
        var dialect = ((string?)spec["$schema"])?.Contains("draft-07", StringComparison.Ordinal) == true ? Dialect.Draft07 : Dialect.Draft202012;
        var subschemas = SchemaWalk.PropertiesOutsideListsAndVariants(spec);
        return model.AllFields()
            .Where(f => subschemas.ContainsKey(f.InstancePath))
            .SelectMany(f => f.Examples.Append(f.Default).OfType<JsonNode>().Select(v => (f, v)))
            .Where(p => OwnSchemaAccepts(dialect, subschemas[p.f.InstancePath], p.v))
            .ToList();
    }

    // Judged by JsonSchema.Net alone, so a spec's example counts as valid by the spec's own rules,
    // not by the engine's reading of them.
    private static bool OwnSchemaAccepts(Dialect dialect, JsonObject subschema, JsonNode value)
    {
        var own = JsonSchema.Build(JsonSerializer.SerializeToElement(subschema), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = dialect });
        return own.Evaluate(JsonSerializer.SerializeToElement(value)).IsValid;
    }
}
