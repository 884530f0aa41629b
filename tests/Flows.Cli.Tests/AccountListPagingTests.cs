namespace Flows.Cli.Tests;

/// <summary>`flows accounts list` a page at a time, run as a user runs it, over a store filled in process.</summary>
public sealed partial class AccountListPagingTests : SandboxTests<AccountStoreSandbox>
{
    private readonly string _key = AccountStoreSandbox.NewKey();

    private Task<CliRun> Flows(params string[] args) => FlowsCommand.RunAsync(Sandbox.Home, new Dictionary<string, string> { ["FLOWS_SECRET_KEY"] = _key }, args);

    private async Task SaveAsync(IEnumerable<string> labels)
    {
        var store = Sandbox.Open(_key);
        foreach (var label in labels)
        {
            await store.SaveAsync(AccountStoreSandbox.Draft(label, new JsonObject { ["user"] = "ada" }), []);
        }
    }

    private static string? Cursor(CliRun run) => More().Match(run.Error) is { Success: true } m ? m.Groups[1].Value : null;

    private static List<string> Labels(CliRun run) => [.. run.Json.EnumerateArray().Select(a => a.GetProperty("label").GetString()!)];

    [Fact]
    public async Task List_WithALimit_PrintsThatMany_AndOnStandardErrorHowToGoOn()
    {
        await SaveAsync(Enumerable.Range(0, 7).Select(i => $"Account {i}"));

        var first = await Flows("accounts", "list", "--limit", "3", "--json");

        first.ExitCode.ShouldBe(0, first.ToString());
        Labels(first).ShouldBe(["Account 0", "Account 1", "Account 2"]);
        var cursor = Cursor(first).ShouldNotBeNull(first.ToString());
        var second = await Flows("accounts", "list", "--limit", "3", "--json", "--after", cursor);
        Labels(second).ShouldBe(["Account 3", "Account 4", "Account 5"]);
        var last = await Flows("accounts", "list", "--limit", "3", "--json", "--after", Cursor(second)!);
        Labels(last).ShouldBe(["Account 6"]);
        last.Error.ShouldNotContain("more:");

        var table = await Flows("accounts", "list", "--limit", "3");
        table.Out.ShouldContain("Account 2");
        table.Out.ShouldNotContain("Account 3");
        table.Out.ShouldNotContain("more:", customMessage: "standard output holds only the table");
        table.Error.ShouldContain("more: --after ");
    }

    [Fact]
    public async Task List_WithoutALimit_PrintsTheFirst100()
    {
        await SaveAsync(Enumerable.Range(0, 101).Select(i => $"Account {i:D3}"));

        var run = await Flows("accounts", "list", "--json");

        Labels(run).Count.ShouldBe(100);
        Cursor(run).ShouldNotBeNull();
    }

    [Fact]
    public async Task List_WithLabelContains_KeepsTheMatchesOnly_WildcardsAsPlainText()
    {
        await SaveAsync(["Sales EU", "wholesale", "Support", "50% off", "500 off"]);

        Labels(await Flows("accounts", "list", "--label-contains", "SALE", "--json")).ShouldBe(["Sales EU", "wholesale"]);
        Labels(await Flows("accounts", "list", "--label-contains", "0%", "--json")).ShouldBe(["50% off"]);
        (await Flows("accounts", "list", "--label-contains", "nothing")).Out.ShouldContain("No accounts match.");
    }

    [Theory]
    [InlineData("--after", "bogus!", "--after is not a cursor this list gave")]
    [InlineData("--limit", "0", "--limit 0: give a number from 1 to 500.")]
    [InlineData("--limit", "501", "--limit 501: give a number from 1 to 500.")]
    public async Task List_ABadCursorOrLimit_ExitsWith2AndSaysWhy(string option, string value, string message)
    {
        await SaveAsync(["Sales"]);

        var run = await Flows("accounts", "list", option, value);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain(message);
        run.Out.ShouldBeEmpty();
    }

    [GeneratedRegex("^more: --after (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex More();
}
