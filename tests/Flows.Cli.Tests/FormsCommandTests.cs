namespace Flows.Cli.Tests;

/// <summary>`flows forms check` and `flows forms render`, run as the real executable.</summary>
public sealed class FormsCommandTests : SandboxTests<PluginSandbox>
{
    private static string SalesforceSchema(string file) => Path.Combine(FixtureFolders.PathOf(Fixtures.Salesforce), "schemas", file);

    private string Write(string name, string text)
    {
        var path = Path.Combine(Sandbox.Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Check_SalesforceSchemas_PassWithTheirFieldsAndSecrets()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", SalesforceSchema("salesforce.standard.schema.json"), SalesforceSchema("salesforce.dynamic.schema.json"));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("✔ salesforce.standard.schema.json: 5 input(s), 2 secret(s): password, securityToken; the sample round trip is valid.");
        run.Out.ShouldContain("2 of 2 schema(s) passed.");
    }

    private const string SeenSchema = """
    { "type": "object", "groups": [ { "id": "db", "title": "Database" } ], "required": ["host"],
      "properties": {
        "host": { "type": "string", "group": "db", "description": "See <a href=\"https://docs.example.com\">the docs</a>." },
        "port": { "type": "integer", "group": "db" },
        "schema": { "type": "string", "airbyte_hidden": true, "default": "{}" } } }
    """;

    [Fact]
    public async Task Check_SaysWhatUsersWillSee_HiddenPartsSectionsCollapsedOptionalFieldsAndHelpWithMarkup()
    {
        var schema = Write("seen.schema.json", SeenSchema);

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", schema);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("hidden: 1 part(s) never shown (their defaults are saved): schema");
        run.Out.ShouldContain("sections: Database (2)");
        run.Out.ShouldContain("optional: 1 field(s) start collapsed under \"Optional fields\"");
        run.Out.ShouldContain("help with markup: 1: host");
    }

    [Fact]
    public async Task Check_Json_CarriesWhatUsersWillSee()
    {
        var schema = Write("seen.schema.json", SeenSchema);

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", schema, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var seen = run.Json[0].GetProperty("seen");
        seen.GetProperty("hidden")[0].GetString().ShouldBe("schema");
        seen.GetProperty("sections")[0].GetProperty("name").GetString().ShouldBe("Database");
        seen.GetProperty("sections")[0].GetProperty("fields").GetInt32().ShouldBe(2);
        seen.GetProperty("collapsedOptional").GetInt32().ShouldBe(1);
        seen.GetProperty("helpWithMarkup")[0].GetString().ShouldBe("host");
    }

    [Fact]
    public async Task Render_ShowsHelpWithoutMarkupAndLinksAsTextAndAddress()
    {
        var schema = Write("seen.schema.json", SeenSchema);

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "render", schema);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("See the docs (https://docs.example.com).");
        run.Out.ShouldNotContain("<a href");
        run.Out.ShouldContain("[section: Database]");
    }

    [Fact]
    public async Task Check_DegradedSchema_PassesAndSaysWhatIsEditedAsJson()
    {
        var schema = Write("map.schema.json", """{ "type": "object", "properties": { "tags": { "type": "object", "additionalProperties": { "type": "string" } } } }""");

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", schema, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var report = run.Json[0];
        report.GetProperty("passed").GetBoolean().ShouldBeTrue();
        report.GetProperty("degraded")[0].GetString().ShouldBe("tags");
    }

    [Fact]
    public async Task Check_SchemaWithAnExternalRef_FailsWithExitCodeOneAndAClearError()
    {
        var good = SalesforceSchema("salesforce.dynamic.schema.json");
        var bad = Write("external.schema.json", """{ "type": "object", "properties": { "x": { "$ref": "https://example.com/x.json" } } }""");

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", good, bad);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("External $ref 'https://example.com/x.json' is not allowed");
        run.Out.ShouldContain("1 of 2 schema(s) passed.");
    }

    [Fact]
    public async Task Check_PatternWithoutAnExample_IsFilledWithAGeneratedMatchingValue()
    {
        var schema = Write("pattern.schema.json", """{ "type": "object", "required": ["key"], "properties": { "key": { "type": "string", "pattern": "^sk_(live|test)_[0-9a-z]{8}$", "x-pattern-description": "an sk_live_ or sk_test_ key" } } }""");

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", schema);

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task Check_ConstraintsNoValueCanMeet_FailsAndSaysWhichField()
    {
        var schema = Write("impossible.schema.json", """{ "type": "object", "required": ["code"], "properties": { "code": { "type": "string", "pattern": "^[A-Z]{2}$", "minLength": 3, "x-pattern-description": "two capital letters" } } }""");

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", schema);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("sample code: Code is not in the expected form (two capital letters).");
    }

    [Theory]
    [InlineData("not-there.json")]
    public async Task Check_MissingFile_IsAUsageErrorWithExitCodeTwo(string file)
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "check", file);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no such file");
    }

    [Fact]
    public async Task Render_Json_DumpsTheFormModel()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "render", SalesforceSchema("salesforce.standard.schema.json"), "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("title").GetString()).ShouldBe(["Username", "Password", "Security token", "Login URL", "Sandbox"]);
    }

    [Fact]
    public async Task Render_Html_WritesAStandalonePreviewPageWithTheSeedsButtons()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "forms", "render", SalesforceSchema("salesforce.standard.schema.json"), "--html");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldStartWith("<!DOCTYPE html>");
        run.Out.ShouldContain("For example, Salesforce_sales_account.");
        run.Out.ShouldContain("value=\"save-and-validate\" class=\"primary\">Save &amp; Validate</button>");
        run.Out.ShouldContain("value=\"apply\" class=\"secondary\">Apply</button>", customMessage: "styled as in the real page: one primary action");
        run.Out.ShouldContain("value=\"cancel\" class=\"secondary\" formnovalidate>Cancel</button>");
        run.Out.ShouldNotContain("http://", Case.Sensitive, "no asset comes from elsewhere");
    }
}
