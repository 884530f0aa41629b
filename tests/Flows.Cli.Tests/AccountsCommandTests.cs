namespace Flows.Cli.Tests;

/// <summary>`flows accounts`, run as the real executable against the real fixture plugin and a real store.</summary>
public sealed class AccountsCommandTests : SandboxTests<PluginSandbox>
{
    private const string Canary = "CANARY-7d1e-secret";
    private readonly Dictionary<string, string> _environment = new() { ["API_KEY"] = Canary };
    private readonly List<CliRun> _runs = [];

    public AccountsCommandTests() => Sandbox.Add(Fixtures.Good);

    private async Task<CliRun> Flows(params string[] args)
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, _environment, args);
        _runs.Add(run);
        return run;
    }

    [Fact]
    public async Task Show_ListsValuesUnderTheirTitlesAsTextAndTheSecretAsSet()
    {
        (await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY")).ExitCode.ShouldBe(0);

        var show = await Flows("accounts", "show", "Prod");

        show.ExitCode.ShouldBe(0, show.ToString());
        show.Out.ShouldContain("Host: example.com");
        show.Out.ShouldContain("API key: Set");
        show.Out.ShouldNotContain("\"example.com\"");
        show.Out.ShouldNotContain(Canary);
    }

    [Fact]
    public async Task AddListShowEditValidateRemove_WorkEndToEndAndNeverPrintTheSecret()
    {
        var add = await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY", "--validate");
        add.ExitCode.ShouldBe(0, add.ToString());
        add.Out.ShouldContain("Saved and validated: Prod");

        var list = await Flows("accounts", "list", "--json");
        list.Json[0].GetProperty("status").GetProperty("kind").GetString().ShouldBe("valid");

        var show = await Flows("accounts", "show", "prod", "--json");
        var shown = show.Json[0];
        shown.GetProperty("values").GetProperty("host").GetString().ShouldBe("example.com");
        shown.GetProperty("secrets").GetProperty("/apiKey").GetBoolean().ShouldBeTrue();
        // Named as the web API names an account, so a script can use either.
        shown.GetProperty("accountTypeId").GetString().ShouldBe("fixture-good.basic");
        shown.GetProperty("pluginId").GetString().ShouldBe("fixture.good");
        shown.GetProperty("status").GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();

        var edit = await Flows("accounts", "edit", "Prod", "--set", "host=other.example", "--validate");
        edit.ExitCode.ShouldBe(0, edit.ToString());
        edit.Out.ShouldContain("other.example via Newtonsoft.Json", customMessage: "the kept secret still validates");

        (await Flows("accounts", "validate", "Prod")).ExitCode.ShouldBe(0);
        (await Flows("accounts", "remove", "Prod")).ExitCode.ShouldBe(2, "no confirmation without a terminal");
        (await Flows("accounts", "remove", "Prod", "--yes")).ExitCode.ShouldBe(0);
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);

        _runs.ShouldAllBe(r => !r.Out.Contains(Canary, StringComparison.Ordinal) && !r.Error.Contains(Canary, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(Sandbox.Home, "accounts.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            (await reader.ReadToEndAsync()).ShouldNotContain(Canary);
        }
    }

    [Fact]
    public async Task AddWithValidate_RejectedCredentials_SaveNothingAndExitOne()
    {
        _environment["WRONG_KEY"] = "wrong";
        var run = await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set-from-env", "apiKey=WRONG_KEY", "--validate");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("nothing was saved");
        run.Error.ShouldContain("apiKey: The service rejected this API key.");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Add_MissingRequiredValues_SaysWhichAndSavesNothing()
    {
        var run = await Flows("accounts", "add", "fixture-good.basic", "--set", "host=example.com");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("label: Label is required.");
        run.Error.ShouldContain("apiKey: API key is required.");
    }

    [Fact]
    public async Task Add_SecretFromAnUnsetVariable_IsAUsageError()
    {
        var run = await Flows("accounts", "add", "fixture-good.basic", "--label", "x", "--set-from-env", "apiKey=NOT_SET_ANYWHERE");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("the environment variable NOT_SET_ANYWHERE is not set");
    }

    [Fact]
    public async Task Add_SecretPipedOnStandardInput_IsSavedAndNeverPrinted()
    {
        var run = await FlowsCommand.RunWithInputAsync(Sandbox.Home, _environment, Canary + "\n", "accounts", "add", "fixture-good.basic", "--label", "Piped", "--set", "host=example.com", "--set-from-stdin", "apiKey", "--validate");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldNotContain(Canary);
        (await Flows("accounts", "show", "Piped", "--json")).Json[0].GetProperty("secrets").GetProperty("/apiKey").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task RotateKey_ReEncryptsSecretsThatStillWorkAfterwards()
    {
        (await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY")).ExitCode.ShouldBe(0);

        var rotate = await Flows("accounts", "rotate-key");
        var validate = await Flows("accounts", "validate", "Prod");

        rotate.ExitCode.ShouldBe(0, rotate.ToString());
        rotate.Out.ShouldContain("1 re-encrypted");
        validate.ExitCode.ShouldBe(0, validate.ToString());
    }

    [Fact]
    public async Task EditWithValidate_RacingARemove_SaysTheAccountWasRemoved_AndDoesNotBringItBack()
    {
        (await Flows("accounts", "add", "fixture-good.basic", "--label", "Prod", "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY")).ExitCode.ShouldBe(0);

        // The check of host "slow" takes 3 s; its worker starts only after the account was read.
        var edit = Flows("accounts", "edit", "Prod", "--set", "host=slow", "--validate");
        await WaitForPluginWorkerAsync();
        var remove = await Flows("accounts", "remove", "Prod", "--yes");
        var edited = await edit;

        remove.ExitCode.ShouldBe(0, remove.ToString());
        edited.ExitCode.ShouldNotBe(0, edited.ToString());
        edited.Error.ShouldContain("the account was removed meanwhile");
        edited.Error.ShouldContain("not re-created");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("Caf\u00e9", "Cafe\u0301")] // NFC and NFD
    [InlineData("Sales", "\uFF33\uFF41\uFF4C\uFF45\uFF53")] // ASCII and fullwidth
    public async Task TwoLabelsThatLookTheSame_CannotNameTwoAccounts(string first, string second)
    {
        (await Flows("accounts", "add", "fixture-good.basic", "--label", Regex.Unescape(first), "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY")).ExitCode.ShouldBe(0);

        var twin = await Flows("accounts", "add", "fixture-good.basic", "--label", Regex.Unescape(second), "--set", "host=example.org", "--set-from-env", "apiKey=API_KEY");

        twin.ExitCode.ShouldBe(1, twin.ToString());
        twin.Error.ShouldContain("already exists");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(1);
        (await Flows("accounts", "show", Regex.Unescape(second), "--json")).ExitCode.ShouldBe(0, "found by either spelling");
    }

    [Theory]
    [InlineData("Prod\u000D\u000Aroot", "control characters")]
    [InlineData("Prod\u0009EU", "control characters")]
    [InlineData("Prod\u202Egnp.exe", "text-direction controls")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "at most 100 characters (this one has 101)")]
    public async Task ALabelThatCannotBeShownSafely_IsRefusedAtTheLabel(string escaped, string reason)
    {
        var run = await Flows("accounts", "add", "fixture-good.basic", "--label", Regex.Unescape(escaped), "--set", "host=example.com", "--set-from-env", "apiKey=API_KEY");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("label: Label must");
        run.Error.ShouldContain(reason);
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    // A plugin worker of this sandbox is running: the command that started it has read its account.
    private async Task WaitForPluginWorkerAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
            {
                string commandLine;
                try
                {
                    commandLine = (await File.ReadAllTextAsync(Path.Combine(process, "cmdline"))).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                if (commandLine.Contains("__plugin-worker", StringComparison.Ordinal) && commandLine.Contains(Sandbox.Root, StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No plugin worker started within 60 s.");
    }
}
