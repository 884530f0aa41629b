using System.Text.Json;
using Json.Schema;

namespace Flows.Host.Tests.Forms;

/// <summary>
/// Published connector specs (Airbyte, Estuary), unchanged, as the account types of the corpus
/// fixture plugin: the plugin passes plugins check, forms check passes each spec, its form builds,
/// the spec's own examples and defaults are accepted where they are valid for their own schema,
/// and every secret the spec marks, at any depth, is a secret of the form.
/// </summary>
public sealed class PublishedSpecCorpusTests : SandboxTests<PluginSandbox>
{
    public static TheoryData<string> Specs => PublishedSpecs.Except();


    [Fact]
    public void TheCorpus_HasThirtyOrMorePublishedSpecs_EachIndexedWithItsSourceCommitAndLicence()
    {
        var index = PublishedSpecs.Index;
        index.Count.ShouldBeGreaterThanOrEqualTo(30);
        foreach (var entry in index.Select(e => e!.AsObject()))
        {
            var file = (string)entry["file"]!;
            File.Exists(PublishedSpecs.PathOf(file)).ShouldBeTrue($"{file} is listed but missing");
            foreach (var key in new[] { "accountType", "title", "publisher", "repo", "path", "licence", "hard" })
            {
                ((string?)entry[key]).ShouldNotBeNullOrWhiteSpace($"{file} has no {key}");
            }

            ((string)entry["commit"]!).ShouldMatch("^[0-9a-f]{40}$", $"{file} names no commit");
        }

        Directory.GetFiles(Path.Combine(PublishedSpecs.Folder, "specs"), "*.schema.json")
            .Select(f => $"specs/{Path.GetFileName(f)}")
            .ShouldBe(PublishedSpecs.Files, ignoreOrder: true, "every spec file is indexed, and only those");
    }

    [Fact]
    public void TheCorpusPlugin_HasExactlyOneAccountTypePerSpec()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedSpecs.Folder, "plugin.json")))!;
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
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", PublishedSpecs.Folder);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain($"fixture.corpus 1.0.0: manifest, files and account schemas are valid; the code loads and its exports match plugin.json ({PublishedSpecs.Files.Count} account type(s)).");
    }

    [Fact]
    public async Task FormsCheck_PassesTheCorpus_RunAsTheRealExecutable()
    {
        var files = PublishedSpecs.Files.ToList();

        var run = await FlowsCommand.RunAsync(Sandbox.Home, ["forms", "check", .. files.Select(PublishedSpecs.PathOf)]);

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
    public void TheForm_BuildsWithAFieldForEveryPropertyOfTheSpec(string file)
    {
        var loaded = FormSchema.Load(PublishedSpecs.Text(file));

        var model = loaded.Schema.ShouldNotBeNull($"{file}: {string.Join("; ", loaded.Errors)}").Model;
        var properties = PublishedSpecs.Schema(file)["properties"]!.AsObject().Select(p => p.Key);
        model.Fields.Select(f => f.Name).ShouldBe(properties, ignoreOrder: true, $"{file}: top-level fields");
        model.AllFields().Where(f => f.Kind == FieldKind.RawJson).Select(f => f.Path).ShouldBeEmpty($"{file}: parts edited as raw JSON");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void TheSpecsOwnExamplesAndDefaults_AreAccepted_WhereValidForTheirOwnSchema(string file)
    {
        var text = PublishedSpecs.Text(file);
        var schema = FormSchema.Load(text).Schema.ShouldNotBeNull();
        var sample = FormCheck.Run(text).Sample.ShouldNotBeNull();

        foreach (var (field, value) in OwnValidExamplesAndDefaults(file, schema.Model))
        {
            var instance = (JsonObject)sample.DeepClone();
            SchemaWalk.Set(instance, field.InstancePath, value.DeepClone());

            var errors = schema.Validate(instance);

            errors.Fields.GetValueOrDefault(field.Path).ShouldBeNull($"{file}: {field.Path} refuses its own {value.ToJsonString()}");
        }
    }

    [Fact]
    public void TheCorpus_OffersManyExamplesAndDefaultsValidForTheirOwnSchema()
    {
        var tried = PublishedSpecs.Files
            .Sum(file => OwnValidExamplesAndDefaults(file, FormSchema.Load(PublishedSpecs.Text(file)).Schema!.Model).Count);

        tried.ShouldBeGreaterThanOrEqualTo(100);
    }

    // Examples and defaults of fields outside lists and variants (those inside are what forms
    // check's sample starts from), where the spec's own subschema accepts them.
    private static List<(FormField Field, JsonNode Value)> OwnValidExamplesAndDefaults(string file, FormModel model)
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

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryAirbyteSecret_AtAnyDepth_IsASecretOfTheForm(string file) =>
        MarkedPartsAre(file, f => f.Secret, "shown in clear", "airbyte_secret");

    [Theory]
    [MemberData(nameof(Specs))]
    public void EverySecretWhateverItsPublisherCallsIt_IsASecretOfTheForm(string file) =>
        MarkedPartsAre(file, f => f.Secret, "shown in clear", "airbyte_secret", "airbyte_sensitive", "secret");

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryPartTheSpecHides_AtAnyDepth_IsHiddenInTheForm(string file) =>
        MarkedPartsAre(file, f => f.Hidden, "shown", "airbyte_hidden", "x-hidden", "x-hidden-field");

    private static void MarkedPartsAre(string file, Func<FormField, bool> treated, string otherwise, params string[] flags)
    {
        var marked = SchemaWalk.Flagged(PublishedSpecs.Schema(file), flags);
        var model = FormSchema.Load(PublishedSpecs.Text(file)).Schema.ShouldNotBeNull().Model;
        var fields = model.AllFields().ToList();

        foreach (var instancePath in marked)
        {
            var atPath = fields.Where(f => f.InstancePath == instancePath).ToList();
            atPath.ShouldNotBeEmpty($"{file}: no field for {instancePath}");
            atPath.Where(f => !treated(f)).Select(f => f.Path).ShouldBeEmpty($"{file}: {instancePath} is {otherwise}");
        }
    }

    // Judged by JsonSchema.Net alone, so a spec's example counts as valid by the spec's own rules,
    // not by the host's reading of them.
    private static bool OwnSchemaAccepts(Dialect dialect, JsonObject subschema, JsonNode value)
    {
        var own = JsonSchema.Build(JsonSerializer.SerializeToElement(subschema), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = dialect });
        return own.Evaluate(JsonSerializer.SerializeToElement(value)).IsValid;
    }
}
