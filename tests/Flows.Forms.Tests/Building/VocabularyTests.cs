namespace Flows.Forms.Tests.Building;

public sealed class VocabularyTests
{
    [Fact]
    public void SchemaNamingTheFlowsVocabulary_IsBuiltAndValidatedWithoutAnyDownload()
    {
        var loaded = FormSchema.Load("""
        { "$schema": "https://flows.dev/schemas/account-schema.vocabulary.json", "type": "object", "required": ["site"],
          "properties": { "site": { "type": "string", "format": "uri", "x-group": "Advanced" }, "key": { "type": "string", "x-secret": true } } }
        """);

        var schema = loaded.Schema.ShouldNotBeNull(string.Join("; ", loaded.Errors));
        schema.Model.Fields.Single(f => f.Name == "key").Secret.ShouldBeTrue();
        schema.Model.Fields.Single(f => f.Name == "site").Section.ShouldBe("Advanced");
        schema.Submit(new FormValues().Add("site", "not a url")).Errors.Fields["site"].ShouldBe(["Site must be a URL (such as https://example.com)."]);
    }

    [Fact]
    public void TheVocabularyFile_DocumentsEveryHintTheBuilderReads()
    {
        var path = Path.Combine(RepositoryRoot(), "schemas", "account-schema.vocabulary.json");
        var vocabulary = File.ReadAllText(path);

        foreach (var keyword in new[] { "x-secret", "airbyte_secret", "order", "x-order", "group", "x-group", "hidden", "airbyte_hidden", "multiline", "x-enumNames", "x-pattern-description", "pattern_descriptor", "x-label-example" })
        {
            vocabulary.ShouldContain($"\"{keyword}\"");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flows.Plugins.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Not inside the repository.");
    }
}
