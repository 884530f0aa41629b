using Flows.Forms.Tests.Corpus;

namespace Flows.Host.Tests.Forms;

/// <summary>
/// Published connector specs (Airbyte, Estuary), unchanged, as the account types of the corpus
/// fixture plugin: the plugin passes plugins check, its validators run on save, forms check passes
/// each spec, and the spec's own examples and defaults are accepted, in forms check's sample, where
/// they are valid for their own schema. The form engine's own tests over the same specs are in
/// Flows.Forms.Tests (Corpus/PublishedSpecTests).
/// </summary>
public sealed class PublishedSpecCorpusTests : SandboxTests<PluginSandbox>
{
    public static TheoryData<string> Specs => PublishedSpecs.Except();

    private static string PluginFolder => FixtureFolders.PathOf(Fixtures.Corpus);

    [Fact]
    public void TheCorpus_HasThirtyOrMorePublishedSpecs_EachIndexedWithItsSourceCommitAndLicence()
    {
        var index = PublishedSpecs.Index;
        index.Count.ShouldBeGreaterThanOrEqualTo(30);
        foreach (var entry in index.Select(e => e!.AsObject()))
        {
            var file = (string)entry["file"]!;
            File.Exists(Path.Combine(PluginFolder, file)).ShouldBeTrue($"{file} is listed but missing");
            foreach (var key in new[] { "accountType", "title", "publisher", "repo", "path", "licence", "hard" })
            {
                ((string?)entry[key]).ShouldNotBeNullOrWhiteSpace($"{file} has no {key}");
            }

            ((string)entry["commit"]!).ShouldMatch("^[0-9a-f]{40}$", $"{file} names no commit");
        }

        Directory.GetFiles(Path.Combine(PluginFolder, "specs"), "*.schema.json")
            .Select(f => $"specs/{Path.GetFileName(f)}")
            .ShouldBe(PublishedSpecs.Files, ignoreOrder: true, "every spec file is indexed, and only those");
    }

    [Fact]
    public void TheCorpusPlugin_HasExactlyOneAccountTypePerSpec()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(PluginFolder, "plugin.json")))!;
        var accounts = manifest["contributes"]!["accounts"]!.AsArray().Select(a => ((string)a!["schema"]!, (string)a["id"]!)).ToList();

        accounts.Select(a => a.Item1).ShouldBe(PublishedSpecs.Files, ignoreOrder: true);
        foreach (var entry in PublishedSpecs.Index)
        {
            accounts.ShouldContain(((string)entry!["file"]!, (string)entry["accountType"]!));
        }
    }

    [Fact]
    public async Task PluginsCheck_PassesTheCorpusPluginThroughEveryStage()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", PluginFolder);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain($"fixture.corpus 1.0.0: manifest, files and account schemas are valid; the code loads and its exports match plugin.json ({PublishedSpecs.Files.Count} account type(s)).");
    }

    [Fact]
    public async Task FormsCheck_PassesTheCorpus_RunAsTheRealExecutable()
    {
        var files = PublishedSpecs.Files.ToList();

        var run = await FlowsCommand.RunAsync(Sandbox.Home, ["forms", "check", .. files.Select(file => Path.Combine(PluginFolder, file))]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain($"{files.Count} of {files.Count} schema(s) passed.");
    }

    [Fact]
    public async Task SaveAndValidate_OnACorpusTypeWithAValidator_RefusesTheBadHostAndSavesAGoodOne()
    {
        Sandbox.Add(Fixtures.Corpus);
        string[] account = ["accounts", "add", "corpus.source-postgres", "--set", "port=5432", "--set", "database=orders", "--set", "username=reader", "--validate"];

        var refused = await FlowsCommand.RunAsync(Sandbox.Home, [.. account, "--label", "Refused", "--set", "host=bad.example"]);
        var saved = await FlowsCommand.RunAsync(Sandbox.Home, [.. account, "--label", "Orders", "--set", "host=db.example"]);

        refused.ExitCode.ShouldBe(1, refused.ToString());
        (refused.Out + refused.Error).ShouldContain("No server answers at bad.example.");
        saved.ExitCode.ShouldBe(0, saved.ToString());
        var labels = (await FlowsCommand.RunAsync(Sandbox.Home, "accounts", "list", "--json")).Json.EnumerateArray().Select(a => a.GetProperty("label").GetString());
        labels.ShouldBe(["Orders"]);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void FormsCheck_PassesTheSpec(string file)
    {
        var report = FormCheck.Run(PublishedSpecs.Text(file), Path.GetFileName(file));

        report.Problems.ShouldBeEmpty($"{file}: {string.Join("; ", report.Problems)}");
        report.Passed.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void TheSpecsOwnExamplesAndDefaults_AreAccepted_WhereValidForTheirOwnSchema(string file)
    {
        var text = PublishedSpecs.Text(file);
        var schema = FormSchema.Load(text).Schema.ShouldNotBeNull();
        var sample = FormCheck.Run(text).Sample.ShouldNotBeNull();

        foreach (var (field, value) in OwnExamplesAndDefaults.ValidFor(file, schema.Model))
        {
            var instance = (JsonObject)sample.DeepClone();
            SchemaWalk.Set(instance, field.InstancePath, value.DeepClone());

            var errors = schema.Validate(instance);

            errors.Fields.GetValueOrDefault(field.Path).ShouldBeNull($"{file}: {field.Path} refuses its own {value.ToJsonString()}");
        }
    }
}
