using Flows.Cli;
using Flows.Cli.Commands.Accounts;
using Flows.Cli.Output;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Flows.Cli.Tests;

/// <summary>`flows accounts add` with values missing, answered at the terminal prompts as a person would.</summary>
public sealed class TerminalFormTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();
    private readonly TestConsole _console = new();
    private readonly ServiceProvider _host;

    public TerminalFormTests()
    {
        _sandbox.Add(Fixtures.Good);
        _console.Interactive();
        _console.Profile.Width = 200;
        _host = new ServiceCollection()
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = _sandbox.Home;
                o.BundledPluginsDirectory = _sandbox.Bundled;
            })
            .AddFlowsAccounts()
            .AddFlowsCli(verbose: false)
            .AddSingleton<IAnsiConsole>(_console)
            .AddSingleton(new CliOutput(_console, interactive: true))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _host.Dispose();
        _sandbox.Dispose();
    }

    private Task<int> AddAsync() =>
        _host.GetRequiredService<AddAccountHandler>().RunAsync("fixture-good.basic", label: null, fields: [], allowSecretArgument: false, validate: false, json: false, SignInSettings.Default, CancellationToken.None);

    [Fact]
    public async Task Add_WithNothingGiven_AsksEachFieldInOrderMasksTheSecretAndSavesAndValidates()
    {
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("example.com");
        _console.Input.PushTextWithEnter("s3cret-typed");
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await AddAsync();

        exit.ShouldBe(0, _console.Output);
        var output = _console.Output;
        output.IndexOf("Label", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("Host", StringComparison.Ordinal));
        output.IndexOf("Host", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("API key", StringComparison.Ordinal));
        output.ShouldContain("The host name of the service.");
        output.ShouldContain("Saved and validated: Prod");
        output.ShouldNotContain("s3cret-typed");
        var saved = (await _host.GetRequiredService<AccountStore>().ListAsync()).ShouldHaveSingleItem();
        saved.Status.Kind.ShouldBe(AccountStatusKind.Valid);
    }

    [Fact]
    public async Task Add_RejectedByTheConnector_ShowsWhyAndAsksThatFieldAgain()
    {
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("example.com");
        _console.Input.PushTextWithEnter("wrong");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("right");
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await AddAsync();

        exit.ShouldBe(0, _console.Output);
        _console.Output.ShouldContain("The service rejected this API key.");
        (await _host.GetRequiredService<AccountStore>().ListAsync()).ShouldHaveSingleItem().Status.Kind.ShouldBe(AccountStatusKind.Valid);
    }

    [Fact]
    public async Task Add_WhenTheCheckCannotBeMade_SaysSoAndOffersApplyFirst_SoEnterSavesWithoutChecking()
    {
        _console.Input.PushTextWithEnter("Later");
        _console.Input.PushTextWithEnter("down");
        _console.Input.PushTextWithEnter("s3cret-typed");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await AddAsync();

        exit.ShouldBe(0, _console.Output);
        _console.Output.ShouldContain("The service is down for maintenance; try again later.");
        _console.Output.ShouldContain("Choose Apply to save it without checking.");
        _console.Output.ShouldContain("Saved (not validated): Later");
        (await _host.GetRequiredService<AccountStore>().ListAsync()).ShouldHaveSingleItem().Status.Kind.ShouldBe(AccountStatusKind.NotValidated);
    }

    [Fact]
    public async Task Add_Cancelled_SavesNothing()
    {
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("example.com");
        _console.Input.PushTextWithEnter("k");
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await AddAsync();

        exit.ShouldBe(1);
        _console.Output.ShouldContain("Cancelled: nothing was saved.");
        (await _host.GetRequiredService<AccountStore>().ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Prompts_ShowSchemaTextLiterallyNeverAsMarkup()
    {
        var manifest = Path.Combine(_sandbox.UserPlugins, "good", "schemas");
        var schema = Directory.GetFiles(manifest).Single();
        File.WriteAllText(schema, File.ReadAllText(schema).Replace("The host name of the service.", "[red]boom[/] \\u001b[2J", StringComparison.Ordinal));
        _console.Input.PushTextWithEnter("Prod");
        _console.Input.PushTextWithEnter("example.com");
        _console.Input.PushTextWithEnter("k");
        _console.Input.PushKey(ConsoleKey.DownArrow);
        _console.Input.PushKey(ConsoleKey.Enter);

        (await AddAsync()).ShouldBe(0, _console.Output);

        _console.Output.ShouldContain("[red]boom[/]");
        _console.Output.ShouldNotContain("\u001b[2J");
    }

    private async Task<string> SavedAccountAsync()
    {
        var service = _host.GetRequiredService<AccountService>();
        var saved = await service.ApplyAsync(
            "fixture-good.basic",
            new Flows.Forms.FormValues().Add("$label", "Prod").Add("host", "example.com").Add("apiKey", "stored-secret"),
            accountId: null,
            CancellationToken.None);
        return saved.Account.ShouldNotBeNull().Id;
    }

    private Task<int> EditAsync(string which) =>
        _host.GetRequiredService<EditAccountHandler>().RunAsync(which, label: null, fields: [], allowSecretArgument: false, validate: false, json: false, CancellationToken.None);

    [Fact]
    public async Task Edit_WithNothingGiven_OffersEachStoredValue_AndEnterKeepsThemAndTheSecret()
    {
        var id = await SavedAccountAsync();
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        var exit = await EditAsync("Prod");

        exit.ShouldBe(0, _console.Output);
        _console.Output.ShouldContain("(example.com)", customMessage: "the stored host is offered as the default");
        _console.Output.ShouldContain("set — leave empty to keep");
        _console.Output.ShouldNotContain("stored-secret");
        var account = (await _host.GetRequiredService<AccountStore>().GetAsync(id)).ShouldNotBeNull();
        account.Label.ShouldBe("Prod");
        account.Status.Kind.ShouldBe(AccountStatusKind.Valid);
        account.GetValues()["host"]!.GetValue<string>().ShouldBe("example.com");
        account.GetValues()["apiKey"]!.GetValue<string>().ShouldBe("stored-secret");
    }

    [Fact]
    public async Task Edit_WithNothingGiven_TypingANewValueChangesOnlyThatField()
    {
        var id = await SavedAccountAsync();
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushTextWithEnter("other.example");
        _console.Input.PushKey(ConsoleKey.Enter);
        _console.Input.PushKey(ConsoleKey.Enter);

        (await EditAsync(id)).ShouldBe(0, _console.Output);

        var account = (await _host.GetRequiredService<AccountStore>().GetAsync(id)).ShouldNotBeNull();
        account.Label.ShouldBe("Prod");
        account.GetValues()["host"]!.GetValue<string>().ShouldBe("other.example");
        account.GetValues()["apiKey"]!.GetValue<string>().ShouldBe("stored-secret");
    }
}
