using Microsoft.Data.Sqlite;

namespace Flows.Cli.Tests;

/// <summary>
/// `flows accounts add|edit` with field names that are wrong and secrets on the command line, and
/// labels that hold characters a terminal would act on; the real executable against a real store.
/// </summary>
public sealed class AccountFieldsCommandTests : SandboxTests<PluginSandbox>
{
    private const string Canary = "CANARY-51c3-secret";
    private readonly Dictionary<string, string> _environment = new() { ["API_KEY"] = Canary };

    public AccountFieldsCommandTests() => Sandbox.Add(Fixtures.Good);

    private Task<CliRun> Flows(params string[] args) => FlowsCommand.RunAsync(Sandbox.Home, _environment, args);

    private async Task AddProdAsync() =>
        (await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY")).ExitCode.ShouldBe(0);

    private async Task<string> StoredHostAsync() =>
        (await Flows("accounts", "show", "Prod", "--json")).Json[0].GetProperty("values").GetProperty("host").GetString()!;

    [Fact]
    public async Task Add_FromAScriptThatLeavesOutFieldsWithDefaults_SavesTheDefaultsANewFormOffers()
    {
        var run = await Flows("accounts", "add", "postgresql.password", "--label", "Warehouse",
            "--set", "host=db.example.com", "--set", "database=shop", "--set", "username=reader", "--set-from-env", "password=API_KEY");

        run.ExitCode.ShouldBe(0, run.ToString());
        var values = (await Flows("accounts", "show", "Warehouse", "--json")).Json[0].GetProperty("values");
        values.GetProperty("port").GetInt32().ShouldBe(5432);
        values.GetProperty("sslMode").GetString().ShouldBe("prefer");
        values.TryGetProperty("options", out _).ShouldBeFalse("no default, nothing given: left out");
        run.Out.ShouldNotContain(Canary);
    }

    [Fact]
    public async Task Edit_WithANameTheFormDoesNotHave_IsRefusedWithTheClosestNameAndChangesNothing()
    {
        await AddProdAsync();

        var run = await Flows("accounts", "edit", "Prod", "--set", "Host=other.example");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Out.ShouldNotContain("Saved");
        run.Error.ShouldContain("--set Host=…: 'Host' is not a field of this form. Did you mean 'host'? Its fields: host, apiKey.");
        (await StoredHostAsync()).ShouldBe("example.com");
    }

    [Fact]
    public async Task Edit_WithAMistypedNameFromTheEnvironment_IsRefusedAndNeverShowsTheValue()
    {
        await AddProdAsync();

        var run = await Flows("accounts", "edit", "Prod", "--set-from-env", "apiKy=API_KEY");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("--set-from-env apiKy=API_KEY: 'apiKy' is not a field of this form. Did you mean 'apiKey'?");
        run.Error.ShouldNotContain(Canary);
        run.Out.ShouldNotContain(Canary);
    }

    [Fact]
    public async Task Add_WithAMistypedName_SavesNothing()
    {
        var run = await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "hots=example.com", "--set-from-env", "apiKey=API_KEY");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("'hots' is not a field of this form. Did you mean 'host'?");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Edit_ByJsonPointer_ChangesThatField()
    {
        await AddProdAsync();

        var run = await Flows("accounts", "edit", "Prod", "--set", "/host=pointer.example");

        run.ExitCode.ShouldBe(0, run.ToString());
        (await StoredHostAsync()).ShouldBe("pointer.example");
    }

    [Fact]
    public async Task Add_WithASecretOnTheCommandLine_IsRefusedAndSaysWhereSecretsGo()
    {
        var run = await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set", $"apiKey={Canary}");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("'apiKey' is a secret");
        run.Error.ShouldContain("--set-from-env apiKey=VARIABLE");
        run.Error.ShouldContain("--set-from-stdin apiKey");
        run.Error.ShouldContain("enter it in the form");
        run.Error.ShouldContain("--allow-secret-argument");
        run.Error.ShouldNotContain(Canary);
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Edit_WithASecretOnTheCommandLine_IsRefusedAndKeepsTheStoredSecret()
    {
        await AddProdAsync();

        var run = await Flows("accounts", "edit", "Prod", "--set", "apiKey=changed", "--validate");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("'apiKey' is a secret");
        (await Flows("accounts", "validate", "Prod")).ExitCode.ShouldBe(0, "the stored secret is the one that validates");
    }

    [Fact]
    public async Task Add_WithASecretOnTheCommandLineAndAllowSecretArgument_IsSaved()
    {
        var run = await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set", $"apiKey={Canary}", "--allow-secret-argument", "--validate");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldNotContain(Canary);
    }

    [Fact]
    public async Task ListAndShow_ALabelWithControlAndBidiCharacters_ShowThemEscapedAndJsonKeepsThem()
    {
        await AddProdAsync();
        const string Hostile = "Prod\u202Egnp.exe\r\nflows: ✔ Deleted\0\u001b[31m";
        await SetStoredLabelAsync(Hostile);

        var list = await Flows("accounts", "list");
        var show = await Flows("accounts", "show", (await Flows("accounts", "list", "--json")).Json[0].GetProperty("id").GetString()!);
        var json = await Flows("accounts", "list", "--json");

        foreach (var run in new[] { list, show })
        {
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Out.ShouldContain(@"Prod\u202Egnp.exe\r\nflows: ✔ Deleted\0\u001B[31m");
            run.Out.ShouldNotContain("\u202E");
            run.Out.ShouldNotContain("\r");
            run.Out.ShouldNotContain("\0");
            run.Out.ShouldNotContain("\u001b");
        }

        json.Out.ShouldNotContain("\u202E");
        json.Out.ShouldNotContain("\r");
        json.Json[0].GetProperty("label").GetString().ShouldBe(Hostile);
    }

    // Such a label may sit in a store written before labels were checked, or by another tool.
    private async Task SetStoredLabelAsync(string label)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Sandbox.Home, "accounts.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE accounts SET label = $label";
        update.Parameters.AddWithValue("$label", label);
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
    }
}
