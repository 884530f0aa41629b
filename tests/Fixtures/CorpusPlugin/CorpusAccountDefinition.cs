using System.Text.Json;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.CorpusPlugin;

/// <summary>
/// An account type whose schema is one published spec file. Its id, title and description are the
/// manifest's entry for that file, so plugin.json stays the one place they are written.
/// </summary>
public abstract class CorpusAccountDefinition : IAccountDefinition
{
    private static readonly Lazy<JsonElement[]> Contributions = new(ReadContributions);

    protected CorpusAccountDefinition(string schemaFile)
    {
        var entry = Contributions.Value.SingleOrDefault(a => a.GetProperty("schema").GetString() == schemaFile);
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"plugin.json has no account type whose schema is {schemaFile}; add one for every file in specs/.");
        }

        Id = entry.GetProperty("id").GetString()!;
        Title = entry.GetProperty("title").GetString()!;
        Description = entry.GetProperty("description").GetString()!;
        Schema = EmbeddedSchema.Read(typeof(CorpusAccountDefinition).Assembly, schemaFile);
    }

    public string Id { get; }

    public string Title { get; }

    public string Description { get; }

    public string Schema { get; }

    private static JsonElement[] ReadContributions()
    {
        using var manifest = JsonDocument.Parse(EmbeddedSchema.Read(typeof(CorpusAccountDefinition).Assembly, "plugin.json"));
        return [.. manifest.RootElement.GetProperty("contributes").GetProperty("accounts").EnumerateArray().Select(a => a.Clone())];
    }
}
