using Flows.Cli;
using Flows.Cli.Commands.Accounts;
using Flows.Cli.Forms;
using Flows.Cli.Output;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Flows.Cli.Tests;

/// <summary>The terminal form honours the schema's hints: hidden parts, sections, help markup, and whether the connector can check.</summary>
public sealed class TerminalFormHintTests
{
    private readonly TestConsole _console = new();

    public TerminalFormHintTests()
    {
        _console.Interactive();
        _console.Profile.Width = 200;
    }

    private static AccountForm Form(string schema)
    {
        var loaded = FormSchema.Load(schema);
        return AccountForm.For("Test", loaded.Schema.ShouldNotBeNull(string.Join("; ", loaded.Errors)));
    }

    [Fact]
    public void HiddenFieldsAndHiddenChoosers_AreNeverAsked()
    {
        var form = Form("""
        { "type": "object", "required": ["bucket"], "properties": {
            "bucket": { "title": "Bucket", "type": "string" },
            "dataset": { "title": "Output Stream Name", "type": "string", "airbyte_hidden": true },
            "format": { "title": "File Format", "type": "object", "airbyte_hidden": true, "oneOf": [
              { "title": "CSV", "properties": { "filetype": { "const": "csv" }, "delimiter": { "title": "Delimiter", "type": "string" } } },
              { "title": "Parquet", "properties": { "filetype": { "const": "parquet" } } } ] } } }
        """);
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("data");

        var values = new AccountTerminalForm(_console).AskMissing(form, new FormValues());

        values.Last("bucket").ShouldBe("data");
        _console.Output.ShouldNotContain("Output Stream Name");
        _console.Output.ShouldNotContain("File Format");
        _console.Output.ShouldNotContain("Delimiter");
        values.AnyUnder("format").ShouldBeFalse();
    }

    [Fact]
    public void SectionHeadings_AreShownBeforeTheirFirstField()
    {
        var form = Form("""
        { "type": "object", "groups": [ { "id": "db", "title": "Database" }, { "id": "auth", "title": "Authentication" } ],
          "required": ["host", "user"], "properties": {
            "user": { "title": "User", "type": "string", "group": "auth" },
            "host": { "title": "Host", "type": "string", "group": "db" } } }
        """);
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("db.example.com");
        _console.Input.PushTextWithEnter("me");

        var values = new AccountTerminalForm(_console).AskMissing(form, new FormValues());

        values.Last("host").ShouldBe("db.example.com");
        values.Last("user").ShouldBe("me");
        var output = _console.Output;
        output.IndexOf("Database", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Host", StringComparison.Ordinal));
        output.IndexOf("Host", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Authentication", StringComparison.Ordinal));
        output.IndexOf("Authentication", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("User", StringComparison.Ordinal));
    }

    private const string Certificates = """
        { "type": "object", "required": ["ca"], "properties": {
            "ca": { "title": "CA certificate", "type": "string", "multiline": true, "airbyte_secret": true },
            "notes": { "title": "Notes", "type": "string", "multiline": true },
            "user": { "title": "User", "type": "string" } } }
        """;

    [Fact]
    public void AMultiLineSecretPasted_StaysInItsFieldUpToAnEmptyLine_AndTheNextPromptsGetTheirOwnAnswers()
    {
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("-----BEGIN CERTIFICATE-----");
        _console.Input.PushTextWithEnter("MIIBszCCAVmgAwIBAgIU");
        _console.Input.PushTextWithEnter("-----END CERTIFICATE-----");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("first line");
        _console.Input.PushTextWithEnter("second line");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("reader");

        var values = new AccountTerminalForm(_console).AskMissing(Form(Certificates), new FormValues());

        values.Last("ca").ShouldBe("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----");
        values.Last("notes").ShouldBe("first line\nsecond line");
        values.Last("user").ShouldBe("reader");
        _console.Output.ShouldContain("then press Enter on an empty line");
        _console.Output.ShouldNotContain("MIIBszCCAVmgAwIBAgIU", customMessage: "a secret's lines are masked");
        _console.Output.ShouldContain("second line", customMessage: "other lines are shown as typed");
    }

    [Fact]
    public void AMultiLineValueBeingEdited_IsKeptByAnEmptyFirstLine_AndAStoredSecretByLeavingItEmpty()
    {
        var current = new FormValues();
        current.Add("notes", "kept line one\nkept line two");
        current.Add("user", "reader");
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        var values = new AccountTerminalForm(_console, new HashSet<string> { "ca" }).AskAll(Form(Certificates), current);

        values.Last("ca").ShouldBe(string.Empty, "left empty: the stored secret is kept by the binder");
        values.Last("notes").ShouldBe("kept line one\nkept line two");
        values.Last("user").ShouldBe("reader");
        _console.Output.ShouldContain("an empty first line keeps what is there");
    }

    [Fact]
    public void ADistinctListOfChoices_IsTickedInOnePrompt_AndAnEditStartsWithTheStoredOnesTicked()
    {
        const string schema = """
        { "type": "object", "required": ["states"], "properties": {
            "states": { "title": "Campaign states", "type": "array", "minItems": 1, "uniqueItems": true,
              "items": { "type": "string", "enum": ["enabled", "paused", "archived"] } } } }
        """;
        _console.Input.PushTextWithEnter("Ads");
        _console.Input.PushKey(ConsoleKey.Spacebar);
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.Spacebar);
        _console.Input.PushKey(ConsoleKey.Enter);

        var added = new AccountTerminalForm(_console).AskMissing(Form(schema), new FormValues());

        FormBinder.Bind(Form(schema).Schema.Model, added).Instance.ToJsonString().ShouldBe("""{"states":["enabled","archived"]}""");
        _console.Output.ShouldNotContain("Add a row");

        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        var edited = new AccountTerminalForm(_console).AskAll(Form(schema), added);

        FormBinder.Bind(Form(schema).Schema.Model, edited).Instance.ToJsonString().ShouldBe("""{"states":["enabled","archived"]}""");
    }

    [Fact]
    public void AnAccountBeingEdited_EnterKeepsTheStoredOptionOfAChooserAndOfAChoice_NotTheFirst()
    {
        var form = Form("""
        { "type": "object", "required": ["mode", "region"], "properties": {
            "mode": { "title": "SSL mode", "oneOf": [
              { "title": "Preferred", "required": ["mode"], "properties": { "mode": { "const": "preferred" } } },
              { "title": "Verify CA", "required": ["mode", "ca"], "properties": { "mode": { "const": "verify_ca" }, "ca": { "title": "CA", "type": "string" } } } ] },
            "region": { "title": "Region", "type": "string", "enum": ["eu", "us", "ap"], "default": "eu" } } }
        """);
        var current = FormBinder.Unbind(form.Schema.Model, System.Text.Json.Nodes.JsonNode.Parse("""{ "mode": { "mode": "verify_ca", "ca": "kept-ca" }, "region": "ap" }""")!.AsObject(), includeSecrets: false);
        current.Add(FormPath.Label, "Prod");
        for (var answer = 0; answer < 4; answer++)
        {
            _console.Input.PushKey(ConsoleKey.Enter);
        }

        var values = new AccountTerminalForm(_console).AskAll(form, current);

        FormBinder.Bind(form.Schema.Model, values).Instance.ToJsonString().ShouldBe("""{"mode":{"mode":"verify_ca","ca":"kept-ca"},"region":"ap"}""");
    }

    [Fact]
    public void HelpWithMarkup_IsShownAsTextWithLinksAsTextAndAddress()
    {
        var form = Form("""
        { "type": "object", "required": ["jdbc"], "properties": {
            "jdbc": { "title": "JDBC parameters", "type": "string",
              "description": "For more information read about <a href=\"https://jdbc.postgresql.org/documentation/head/connect.html\">JDBC URL parameters</a>. Leave blank for <strong>none</strong>." } } }
        """);
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("ssl=true");

        new AccountTerminalForm(_console).AskMissing(form, new FormValues());

        _console.Output.ShouldContain("For more information read about JDBC URL parameters (https://jdbc.postgresql.org/documentation/head/connect.html). Leave blank for none.");
        _console.Output.ShouldNotContain("<a href");
        _console.Output.ShouldNotContain("<strong>");
    }

    [Fact]
    public async Task Add_ForATypeKnownToHaveNoValidator_OffersApplyAndNeverSaveAndValidate()
    {
        using var sandbox = new PluginSandbox();
        sandbox.Add(Fixtures.NoValidator);
        await using var host = NoValidatorHost(sandbox);
        (await host.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.novalidator", CancellationToken.None)).IsSuccess.ShouldBeTrue();
        _console.Input.PushTextWithEnter("Events");
        _console.Input.PushTextWithEnter("2021-07-25");
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await AddNoValidatorAsync(host);

        exit.ShouldBe(0, _console.Output);
        _console.Output.ShouldNotContain("Save & Validate");
        _console.Output.ShouldContain("Saved (not validated): Events");
        (await host.GetRequiredService<AccountStore>().ListAsync()).ShouldHaveSingleItem().Label.ShouldBe("Events");
    }

    [Fact]
    public async Task Add_SaveAndValidateOnATypeWithoutAValidator_SaysSoOnceThenOffersOnlyApply()
    {
        using var sandbox = new PluginSandbox();
        sandbox.Add(Fixtures.NoValidator);
        await using var host = NoValidatorHost(sandbox);
        _console.Input.PushTextWithEnter("Events");
        _console.Input.PushTextWithEnter("2021-07-25");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await AddNoValidatorAsync(host);

        exit.ShouldBe(0, _console.Output);
        var output = _console.Output;
        var refusal = output.IndexOf("accounts cannot be validated", StringComparison.Ordinal);
        refusal.ShouldBeGreaterThan(0, output);
        output[refusal..].ShouldNotContain("Save & Validate");
        output.ShouldContain("Saved (not validated): Events");
    }

    private ServiceProvider NoValidatorHost(PluginSandbox sandbox) => new ServiceCollection()
        .AddFlowsPlugins(o =>
        {
            o.HomeDirectory = sandbox.Home;
            o.BundledPluginsDirectory = sandbox.Bundled;
        })
        .AddFlowsAccounts()
        .AddFlowsCli(verbose: false)
        .AddSingleton<IAnsiConsole>(_console)
        .AddSingleton(new CliOutput(_console, interactive: true))
        .BuildServiceProvider();

    private static Task<int> AddNoValidatorAsync(ServiceProvider host) =>
        host.GetRequiredService<AddAccountHandler>().RunAsync("fixture-novalidator.source", label: null, fields: [], allowSecretArgument: false, validate: false, json: false, SignInSettings.Default, CancellationToken.None);
}
