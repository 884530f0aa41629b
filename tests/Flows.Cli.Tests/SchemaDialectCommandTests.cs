namespace Flows.Cli.Tests;

/// <summary>`flows forms check` and `flows plugins check` say the same thing about a schema's dialect and annotations.</summary>
public sealed class SchemaDialectCommandTests : SandboxTests<PluginSandbox>
{
    // The fixture's code exports its original schema, so only the files are checked (no trial activation).
    private string PluginWithSchema(string schemaText)
    {
        var folder = Path.Combine(Sandbox.Root, "plugin");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), folder);
        File.WriteAllText(Path.Combine(folder, "schemas", "good.basic.schema.json"), schemaText);
        return folder;
    }

    private string SchemaFile(string schemaText)
    {
        var path = Path.Combine(Sandbox.Root, "good.basic.schema.json");
        File.WriteAllText(path, schemaText);
        return path;
    }

    [Fact]
    public async Task NonArrayExamples_IsAWarningInBothChecksNotARefusal()
    {
        var forms = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", SchemaFile(DraftSpecs.ExamplesNotAnArray));
        var plugins = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", PluginWithSchema(DraftSpecs.ExamplesNotAnArray), "--no-activate");

        forms.ExitCode.ShouldBe(0, forms.ToString());
        forms.Out.ShouldContain("warning: good.basic.schema.json $.properties.region.examples:");
        forms.Out.ShouldContain("this annotation is ignored.");
        plugins.ExitCode.ShouldBe(0, plugins.ToString());
        plugins.Out.ShouldContain("warning: Account type 'fixture-good.basic': good.basic.schema.json $.properties.region.examples:");
    }

    [Fact]
    public async Task UnknownDollarSchema_GetsTheSameSentenceFromBothChecks()
    {
        var forms = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", SchemaFile(DraftSpecs.UnknownDialect));
        var plugins = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", PluginWithSchema(DraftSpecs.UnknownDialect), "--no-activate");

        forms.ExitCode.ShouldBe(1, forms.ToString());
        plugins.ExitCode.ShouldBe(1, plugins.ToString());
        var sentence = "good.basic.schema.json: " + DraftSpecs.UnknownDialectSentence;
        Normalize(forms.Out).ShouldContain(sentence);
        Normalize(plugins.Out).ShouldContain(sentence);
    }

    [Fact]
    public async Task PublishedDraft07Spec_PassesBothChecks()
    {
        var spec = DraftSpecs.Connector("https://json-schema.org/draft-07/schema#");

        var forms = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", SchemaFile(spec));
        var plugins = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", PluginWithSchema(spec), "--no-activate");

        forms.ExitCode.ShouldBe(0, forms.ToString());
        plugins.ExitCode.ShouldBe(0, plugins.ToString());
    }

    // The console wraps long lines; the sentence is compared with its words joined again.
    private static string Normalize(string output) => string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
