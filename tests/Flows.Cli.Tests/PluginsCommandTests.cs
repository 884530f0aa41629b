using System.Text.Json;

namespace Flows.Cli.Tests;

/// <summary>The `flows plugins` commands, run as the real executable against real plugin builds.</summary>
public sealed class PluginsCommandTests : SandboxTests<PluginSandbox>
{
    private static JsonElement Plugin(JsonElement list, string id) =>
        list.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);

    [Fact]
    public async Task List_OnAFreshDataDirectory_ShowsTheBundledSalesforcePluginActiveWithEveryAccountType()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "list");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("flows.salesforce");
        run.Out.ShouldContain("Active");
        run.Out.ShouldContain("salesforce.standard");
        run.Out.ShouldContain("salesforce.dynamic");
        run.Out.ShouldContain("salesforce.oauth");
        run.Out.ShouldContain("salesforce.jwt");
        run.Out.ShouldContain("salesforce.client-credentials");
        run.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListJson_ReportsEveryPluginWithStatusStageAndReason()
    {
        Sandbox.Add(Fixtures.Good);
        Sandbox.Add(StaticFixtures.SchemaViolation);
        Sandbox.Add(Fixtures.IncompatibleEngine);

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "list", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json;
        json.GetProperty("contractsVersion").GetString().ShouldBe("1.2.0");
        var salesforce = Plugin(json, "flows.salesforce");
        salesforce.GetProperty("status").GetString().ShouldBe("active");
        salesforce.GetProperty("accountTypes").EnumerateArray().Select(a => a.GetProperty("id").GetString())
            .ShouldBe(["salesforce.standard", "salesforce.dynamic", "salesforce.oauth", "salesforce.jwt", "salesforce.client-credentials"]);
        Plugin(json, "fixture.good").GetProperty("status").GetString().ShouldBe("active");
        var broken = Plugin(json, "Bad Id!");
        broken.GetProperty("status").GetString().ShouldBe("faulted");
        broken.GetProperty("stage").GetString().ShouldBe("manifest");
        broken.GetProperty("problems").GetArrayLength().ShouldBe(4);
        Plugin(json, "fixture.incompatible").GetProperty("status").GetString().ShouldBe("incompatible");
    }

    [Fact]
    public async Task Check_BrokenManifest_ExitsNonZeroAndPrintsEachProblemWithItsJsonPath()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", FixtureFolders.PathOf(StaticFixtures.SchemaViolation));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("4 problem(s)");
        run.Out.ShouldContain("[Manifest] $.version: is not in the expected form.");
        run.Out.ShouldContain("[Manifest] $.colour: is not allowed here (unknown property)");
    }

    [Fact]
    public async Task Check_GoodPlugin_PassesAfterLoadingItsCode()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", FixtureFolders.PathOf(Fixtures.Good));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("fixture.good 1.0.0: manifest, files and account schemas are valid; the code loads and its exports match plugin.json");
    }

    [Fact]
    public async Task Check_PluginWhoseConstructorThrows_ExitsNonZeroNamingTheStage()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", FixtureFolders.PathOf(Fixtures.ThrowingConstructor));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("[Compose] InvalidOperationException: boom from constructor");
    }

    [Fact]
    public async Task Check_PluginWhoseConstructorEndsTheProcess_ReportsItInsteadOfEndingFlows()
    {
        var folder = await CrashingOnLoadAsync();

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "check", folder);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("[Compose] The plugin's process ended during activation (exit code 4), in stage Compose; the plugin is not used.");
    }

    [Fact]
    public async Task Check_InProcessForDebugging_RunsThePluginInFlowsItself()
    {
        var folder = await CrashingOnLoadAsync();

        var run = await FlowsCommand.RunAsync(Sandbox.Home, new Dictionary<string, string> { ["FLOWS_PLUGINS_IN_PROCESS"] = "1" }, "plugins", "check", folder);

        run.ExitCode.ShouldBe(4, "the plugin's Environment.Exit(4) ended flows itself: " + run);
    }

    // A copy of the crashing fixture whose constructor ends the process it is loaded in (exit code 4).
    private async Task<string> CrashingOnLoadAsync()
    {
        var folder = Path.Combine(Sandbox.Root, "crashing");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Crashing), folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "exit-on-load"), "");
        return folder;
    }

    [Fact]
    public async Task AddWithValidate_WhenThePluginEndsItsProcess_SavesNothingAndSaysTheConnectorStopped()
    {
        Sandbox.Add(Fixtures.Crashing);

        var key = new Dictionary<string, string> { ["API_KEY"] = "k" };
        var run = await FlowsCommand.RunAsync(Sandbox.Home, key, "accounts", "add", "fixture-crashing.basic", "--label", "Crash", "--set", "host=exit", "--set-from-env", "apiKey=API_KEY", "--validate");
        var list = await FlowsCommand.RunAsync(Sandbox.Home, "accounts", "list", "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("The connector stopped while checking the account (exit code 3).");
        list.Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task InstallThenDisableThenEnable_ChangesWhatListShows()
    {
        var install = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "install", FixtureFolders.PathOf(Fixtures.Good));
        install.ExitCode.ShouldBe(0, install.ToString());
        install.Out.ShouldContain("Installed fixture.good 1.0.0");

        (await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "disable", "fixture.good")).ExitCode.ShouldBe(0);
        var disabled = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "list", "--json");
        Plugin(disabled.Json, "fixture.good").GetProperty("status").GetString().ShouldBe("disabled");

        (await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "enable", "fixture.good")).ExitCode.ShouldBe(0);
        var enabled = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "list", "--json");
        Plugin(enabled.Json, "fixture.good").GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task Install_BrokenPlugin_IsRefusedOnStandardErrorWithExitCodeOne()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "install", FixtureFolders.PathOf(StaticFixtures.MissingMain));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("refused to install");
        run.Error.ShouldContain("Missing.dll");
        Directory.GetDirectories(Sandbox.UserPlugins).Where(d => !Path.GetFileName(d).StartsWith('.')).ShouldBeEmpty();
    }

    [Fact]
    public async Task InspectWithActivate_ShowsWhatTheCodeExports()
    {
        Sandbox.Add(Fixtures.Good);

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "inspect", "fixture.good", "--activate", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var activation = run.Json.GetProperty("activation");
        activation.GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        activation.GetProperty("validators").EnumerateArray().Single().GetString().ShouldBe("fixture-good.basic");
    }

    [Fact]
    public async Task InspectWithActivate_OfAFaultyPlugin_ExitsNonZeroAndTheNextListShowsItFaulted()
    {
        Sandbox.Add(Fixtures.ThrowingConstructor);

        var inspect = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "inspect", "fixture.throwing", "--activate");
        var list = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "list", "--json");

        inspect.ExitCode.ShouldBe(1, inspect.ToString());
        inspect.Out.ShouldContain("boom from constructor");
        var plugin = Plugin(list.Json, "fixture.throwing");
        plugin.GetProperty("status").GetString().ShouldBe("faulted");
        plugin.GetProperty("stage").GetString().ShouldBe("compose");
    }

    [Fact]
    public async Task Inspect_UnknownPlugin_SaysWhichPluginsExist()
    {
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "inspect", "no.such.plugin");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("no plugin with id 'no.such.plugin'. Installed: flows.postgresql, flows.salesforce.");
    }

    [Fact]
    public async Task List_PluginTextWithMarkup_IsPrintedLiterallyNotInterpreted()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        PluginSandbox.EditManifest(folder, m => m["displayName"] = "[red]Evil[/] [link=http://x]y[/]");

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "inspect", "fixture.good");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("[red]Evil[/] [link=http://x]y[/]");
    }

    [Fact]
    public async Task PluginsListAndInspect_APluginsNameWithControlAndBidiCharacters_ShowThemEscaped()
    {
        var plugin = Sandbox.Add(Fixtures.Good);
        PluginSandbox.EditManifest(plugin, m =>
        {
            m["displayName"] = "Good\u202Eexe.txt\nflows: ✔ Installed";
            m["description"] = "Harmless\r\u001b[2Kreally";
        });

        var list = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "list");
        var inspect = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "inspect", "fixture.good");

        list.Out.ShouldContain(@"\u202E");
        inspect.Out.ShouldContain(@"Good\u202Eexe.txt\nflows: ✔ Installed");
        inspect.Out.ShouldContain(@"Harmless\r\u001B[2Kreally");
        foreach (var run in new[] { list, inspect })
        {
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Out.ShouldNotContain("\u202E");
            run.Out.ShouldNotContain("\r");
            run.Out.ShouldNotContain("\u001b");
        }
    }
}
