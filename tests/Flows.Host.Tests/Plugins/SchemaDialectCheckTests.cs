using Flows.Host.Plugins.Packages;

namespace Flows.Host.Tests.Plugins;

/// <summary>`plugins check` reads an account schema's dialect by the same rule as `forms check`.</summary>
public sealed class SchemaDialectCheckTests : SandboxTests<PluginSandbox>
{
    private async Task<PluginCheckReport> CheckWithSchemaAsync(string schemaText)
    {
        var folder = Path.Combine(Sandbox.Root, "with-spec");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), folder);
        await File.WriteAllTextAsync(Directory.GetFiles(Path.Combine(folder, "schemas")).Single(), schemaText);
        using var host = Sandbox.CreateHost();
        return await host.GetRequiredService<PluginChecker>().CheckAsync(folder, activate: false, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(DraftSpecs.Spellings), MemberType = typeof(DraftSpecs))]
    public async Task PluginWhoseAccountSchemaIsAPublishedDraftSpec_PassesTheCheck(string dialect)
    {
        var report = await CheckWithSchemaAsync(DraftSpecs.Connector(dialect));

        report.Problems.Select(p => p.Message).ShouldBeEmpty();
        report.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task PluginWhoseAccountSchemaHasANonArrayExamples_PassesTheCheck()
    {
        var report = await CheckWithSchemaAsync(DraftSpecs.ExamplesNotAnArray);

        report.Problems.Select(p => p.Message).ShouldBeEmpty();
        report.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task PluginWhoseAccountSchemaNamesAnUnknownDialect_IsToldWhichDialectsAreKnown()
    {
        var report = await CheckWithSchemaAsync(DraftSpecs.UnknownDialect);

        report.Passed.ShouldBeFalse();
        report.Problems.Single().Message.ShouldStartWith("Account type 'fixture-good.basic': good.basic.schema.json: " + DraftSpecs.UnknownDialectSentence);
    }
}
