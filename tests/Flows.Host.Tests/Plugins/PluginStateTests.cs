namespace Flows.Host.Tests.Plugins;

public sealed class PluginStateTests : SandboxTests<PluginSandbox>
{
    [Fact]
    public void Disable_IsPersistedAcrossRunsAndHidesTheAccountTypes()
    {
        Sandbox.Add(Fixtures.Good);
        using (var firstRun = Sandbox.CreateHost())
        {
            firstRun.GetRequiredService<PluginCatalog>().SetEnabled("fixture.good", enabled: false);
        }

        using var secondRun = Sandbox.CreateHost();
        var catalog = secondRun.GetRequiredService<PluginCatalog>();

        var plugin = catalog.Find("fixture.good")!;
        plugin.Status.ShouldBe(PluginStatus.Disabled);
        plugin.Stage.ShouldBe(PluginStage.Settings);
        catalog.AccountTypes.ShouldBeEmpty();
    }

    [Fact]
    public void Enable_AfterDisable_MakesThePluginActiveAgain()
    {
        Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        catalog.SetEnabled("fixture.good", enabled: false);
        catalog.SetEnabled("fixture.good", enabled: true);

        catalog.Find("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
        catalog.AccountTypes.Single().Id.ShouldBe("fixture-good.basic");
    }

    [Fact]
    public void DisablingOneOfTwoConflictingPlugins_LetsTheOtherOwnTheAccountType()
    {
        Sandbox.Add(Fixtures.DuplicateAccountA);
        Sandbox.Add(Fixtures.DuplicateAccountB);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        catalog.SetEnabled("fixture.dupb", enabled: false);

        catalog.Find("fixture.dupa")!.Status.ShouldBe(PluginStatus.Active);
        catalog.FindAccountType("fixture.shared-type")!.Plugin.Id.ShouldBe("fixture.dupa");
    }

    [Fact]
    public void CorruptStateFile_IsIgnoredAndThePluginsStillLoad()
    {
        Sandbox.Add(Fixtures.Good);
        Directory.CreateDirectory(Path.Combine(Sandbox.Home, "state"));
        File.WriteAllText(Path.Combine(Sandbox.Home, "state", "plugins.json"), "{ not json");
        using var host = Sandbox.CreateHost();

        host.GetRequiredService<PluginCatalog>().Find("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
    }
}
