namespace Flows.Host.Tests.Plugins;

public sealed class PluginStateTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Disable_IsPersistedAcrossRunsAndHidesTheAccountTypes()
    {
        _sandbox.Add(Fixtures.Good);
        using (var firstRun = _sandbox.CreateHost())
        {
            firstRun.GetRequiredService<PluginCatalog>().SetEnabled("fixture.good", enabled: false);
        }

        using var secondRun = _sandbox.CreateHost();
        var catalog = secondRun.GetRequiredService<PluginCatalog>();

        var plugin = catalog.Find("fixture.good")!;
        plugin.Status.ShouldBe(PluginStatus.Disabled);
        plugin.Stage.ShouldBe(PluginStage.Settings);
        catalog.AccountTypes.ShouldBeEmpty();
    }

    [Fact]
    public void Enable_AfterDisable_MakesThePluginActiveAgain()
    {
        _sandbox.Add(Fixtures.Good);
        using var host = _sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        catalog.SetEnabled("fixture.good", enabled: false);
        catalog.SetEnabled("fixture.good", enabled: true);

        catalog.Find("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
        catalog.AccountTypes.Single().Id.ShouldBe("fixture-good.basic");
    }

    [Fact]
    public void DisablingOneOfTwoConflictingPlugins_LetsTheOtherOwnTheAccountType()
    {
        _sandbox.Add(Fixtures.DuplicateAccountA);
        _sandbox.Add(Fixtures.DuplicateAccountB);
        using var host = _sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        catalog.SetEnabled("fixture.dupb", enabled: false);

        catalog.Find("fixture.dupa")!.Status.ShouldBe(PluginStatus.Active);
        catalog.FindAccountType("fixture.shared-type")!.Plugin.Id.ShouldBe("fixture.dupa");
    }

    [Fact]
    public void CorruptStateFile_IsIgnoredAndThePluginsStillLoad()
    {
        _sandbox.Add(Fixtures.Good);
        Directory.CreateDirectory(Path.Combine(_sandbox.Home, "state"));
        File.WriteAllText(Path.Combine(_sandbox.Home, "state", "plugins.json"), "{ not json");
        using var host = _sandbox.CreateHost();

        host.GetRequiredService<PluginCatalog>().Find("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
    }
}
