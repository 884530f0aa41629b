using Xunit.Abstractions;

namespace Flows.Cli.Tests;

/// <summary>A broken store or key, met by the real flows command: one sentence saying which file, what is wrong and what to do.</summary>
public sealed class StoreFaultCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly ScratchRoot _root = new("flows-fault-tests");

    private string Home => _root.Home;

    public void Dispose() => _root.Dispose();

    [Theory]
    [MemberData(nameof(StoreFaultCases.All), MemberType = typeof(StoreFaultCases))]
    public async Task AccountsCommands_OnABrokenStoreOrKey_SayWhatIsWrongAndWhatToDo_NeverABug(string fault)
    {
        using var arranged = await StoreFaultCases.ArrangeAsync(fault, Home, home =>
            FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), Path.Combine(home, "plugins", "good")));
        if (arranged.SkipReason is not null)
        {
            log.WriteLine($"Not run: {arranged.SkipReason}");
            return;
        }

        var environment = new Dictionary<string, string>(arranged.Environment) { ["NEW_API_KEY"] = "k-new" };
        var add = await FlowsCommand.RunAsync(Home, environment, "accounts", "add", StoreDamage.AccountTypeId, "--label", "New", "--set", "host=new.example.com", "--set-from-env", "apiKey=NEW_API_KEY");

        ShouldBeTheSentence(add, arranged);
        if (arranged.ReadsFail)
        {
            ShouldBeTheSentence(await FlowsCommand.RunAsync(Home, environment, "accounts", "list"), arranged);
            ShouldBeTheSentence(await FlowsCommand.RunAsync(Home, environment, "accounts", "show", "Account 1"), arranged);
        }
    }

    private static void ShouldBeTheSentence(CliRun run, StoreFaultCases.Arranged arranged)
    {
        run.ExitCode.ShouldBe(1, $"{arranged.Context}\n{run}");
        run.Error.ShouldStartWith("flows: ", customMessage: $"{arranged.Context}\n{run}");
        run.Error.ShouldContain(arranged.Sentence, customMessage: $"{arranged.Context}\n{run}");
        run.Error.ShouldNotContain("bug in flows", customMessage: arranged.Context);
        run.Error.ShouldNotContain("unexpected", customMessage: arranged.Context);
        run.Error.ShouldNotContain("   at ", customMessage: arranged.Context);
        run.Out.ShouldNotContain("Saved", customMessage: arranged.Context);
    }
}
