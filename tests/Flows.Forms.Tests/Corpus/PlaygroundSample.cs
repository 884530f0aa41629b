using System.Text.Json.Nodes;

namespace Flows.Forms.Tests.Corpus;

/// <summary>
/// One sample of the rjsf playground (tests/Corpora/rjsf-playground, see its INDEX.md): a schema, its
/// uiSchema and the form data the playground starts with.
/// </summary>
public sealed record PlaygroundSample(string Name, JsonObject Schema, JsonObject UiSchema, JsonNode? FormData)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "rjsf-playground");

    /// <summary>The dialect rjsf evaluates a schema without <c>$schema</c> in: its validator is AJV for draft-07.</summary>
    public const string Rjsf = "http://json-schema.org/draft-07/schema#";

    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static PlaygroundSample Read(string name)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject();
        var schema = sample["schema"]!.AsObject().DeepClone().AsObject();

        // The engine reads a schema without $schema as 2020-12; the playground reads it as draft-07
        // (tuple "items", "dependencies"), so the samples say so, as an author moving them here would.
        if (!schema.ContainsKey("$schema"))
        {
            schema.Insert(0, "$schema", Rjsf);
        }

        return new PlaygroundSample(name, schema, sample["uiSchema"]!.AsObject(), sample["formData"]?.DeepClone());
    }

    /// <summary>The data the form starts from: rjsf starts from an empty object when a sample gives none.</summary>
    public JsonNode StartingData => FormData ?? new JsonObject();

    public override string ToString() => Name;
}
