using System.Text.Json;
using Json.Schema;

namespace Flows.Forms;

/// <summary>
/// <c>schemas/account-schema.vocabulary.json</c>: 2020-12 plus the form hints. A schema may
/// name it as its <c>$schema</c> (for editor completion); it is known to every validator this package
/// builds, so that never means a download.
/// </summary>
public static class FormVocabulary
{
    /// <summary>The vocabulary's id, as a schema names it in <c>$schema</c>.</summary>
    public const string Id = "https://flows.dev/schemas/account-schema.vocabulary.json";

    private static readonly Lazy<JsonSchema> MetaSchema = new(() =>
    {
        using var stream = typeof(FormVocabulary).Assembly.GetManifestResourceStream("Flows.Forms.account-schema.vocabulary.json")
            ?? throw new InvalidOperationException("The account schema vocabulary is missing from Flows.Forms.");
        using var document = JsonDocument.Parse(stream);
        return JsonSchema.Build(document.RootElement.Clone(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>A registry of one's own, already holding the vocabulary.</summary>
    public static SchemaRegistry NewRegistry()
    {
        var registry = new SchemaRegistry();
        registry.Register(MetaSchema.Value);
        return registry;
    }
}
