using Flows.Forms;
using System.Runtime.Loader;
using Flows.Host.Schemas;

namespace Flows.Host.Tests.Plugins;

public sealed class DiscoveryTests : SandboxTests<PluginSandbox>
{
    private IReadOnlyList<PluginInfo> Discover()
    {
        using var host = Sandbox.CreateHost();
        return host.GetRequiredService<PluginCatalog>().Plugins;
    }

    private PluginInfo Single(string id) => Discover().Single(p => p.Id == id);

    [Fact]
    public void Discover_SalesforcePlugin_IsActiveWithEveryAccountTypeFromItsManifest()
    {
        Sandbox.Add(Fixtures.Salesforce, bundled: true);

        var plugin = Single("flows.salesforce");

        plugin.Status.ShouldBe(PluginStatus.Active);
        plugin.Version!.ToString().ShouldBe("1.0.0");
        plugin.Accounts.Select(a => (a.Id, a.Title)).ShouldBe(
        [
            ("salesforce.standard", "Salesforce.com account"),
            ("salesforce.dynamic", "Salesforce.com dynamic account"),
            ("salesforce.oauth", "Salesforce.com OAuth account"),
            ("salesforce.jwt", "Salesforce.com JWT bearer account"),
            ("salesforce.client-credentials", "Salesforce.com client credentials account"),
        ]);
    }

    [Fact]
    public void ListingPluginsAccountTypesAndSchemas_LoadsNoPluginAssembly()
    {
        Sandbox.Add(Fixtures.Salesforce, bundled: true);
        Sandbox.Add(Fixtures.Good);
        Sandbox.Add(Fixtures.ThrowingConstructor);

        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();
        catalog.Plugins.Count.ShouldBe(3);
        var schemas = catalog.AccountTypes.Select(a => AccountSchemaLoader.Load(a.SchemaPath)).ToList();

        schemas.ShouldAllBe(s => s.IsValid);
        schemas.Count.ShouldBe(7);
        LoadedFrom(Sandbox.Root).ShouldBeEmpty();
    }

    [Fact]
    public void Discover_InvalidJson_IsFaultedAtManifestWithTheLine()
    {
        Sandbox.Add(StaticFixtures.InvalidJson);

        var plugin = Discover().Single();

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Manifest);
        plugin.Reason.ShouldNotBeNull().ShouldContain("not valid JSON at line 3");
    }

    [Fact]
    public void Discover_ManifestFailingItsSchema_ReportsTheJsonPathOfEachProblem()
    {
        Sandbox.Add(StaticFixtures.SchemaViolation);

        var plugin = Discover().Single();

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Manifest);
        plugin.Problems.ShouldContain(p => p.StartsWith("$.id:", StringComparison.Ordinal) && p.Contains("lower-case words separated by dots or dashes", StringComparison.Ordinal));
        plugin.Problems.ShouldContain(p => p.StartsWith("$.version:", StringComparison.Ordinal));
        plugin.Problems.ShouldContain(p => p.StartsWith("$.colour:", StringComparison.Ordinal) && p.Contains("not allowed", StringComparison.Ordinal));
        plugin.Problems.ShouldContain(p => p.StartsWith("$:", StringComparison.Ordinal) && p.Contains("main", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_MissingEntryAssembly_IsFaultedAtFiles()
    {
        Sandbox.Add(StaticFixtures.MissingMain);

        var plugin = Discover().Single();

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Files);
        plugin.Reason.ShouldNotBeNull().ShouldContain("Missing.dll");
    }

    [Fact]
    public void Discover_ManifestPathsLeavingThePluginFolder_AreRefusedBeforeAnyFileIsRead()
    {
        Sandbox.Add(StaticFixtures.PathEscape);

        var plugin = Discover().Single();

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Manifest);
        plugin.Problems.ShouldContain("$.main: '../outside.dll' leaves the plugin folder");
        plugin.Problems.ShouldContain("$.contributes.accounts[0].schema: 'schemas/../../escape.json' leaves the plugin folder");
    }

    [Fact]
    public void Discover_SchemaThatIsASymbolicLinkOutOfTheFolder_IsRefused()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        var schema = Directory.GetFiles(Path.Combine(folder, "schemas")).Single();
        var outside = Path.Combine(Sandbox.Root, "outside.json");
        File.Copy(schema, outside);
        File.Delete(schema);
        File.CreateSymbolicLink(schema, outside);

        var plugin = Single("fixture.good");

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Reason.ShouldNotBeNull().ShouldContain("is a link that leaves the plugin folder");
    }

    [Fact]
    public void Discover_PluginFolderThatIsItselfALink_IsAllowed()
    {
        // A developer links their build output into the plugins directory.
        var build = Path.Combine(Sandbox.Root, "build-output");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), build);
        Directory.CreateSymbolicLink(Path.Combine(Sandbox.UserPlugins, "good"), build);

        Single("fixture.good").Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public void Discover_LinkInsideThePluginFolderPointingInsideIt_IsAllowed()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        var schemas = Path.Combine(folder, "schemas");
        Directory.Move(schemas, Path.Combine(folder, "real-schemas"));
        Directory.CreateSymbolicLink(schemas, Path.Combine(folder, "real-schemas"));

        Single("fixture.good").Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public void Discover_ManifestEditedAfterItWasValidated_IsValidatedAgain()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        Single("fixture.good").Status.ShouldBe(PluginStatus.Active);

        PluginSandbox.EditManifest(folder, m => m["colour"] = "blue");
        var plugin = Single("fixture.good");

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Problems.ShouldContain("$.colour: is not allowed here (unknown property)");
    }

    [Fact]
    public void Discover_IncompatibleEngineRange_IsIncompatibleNamingBothVersions()
    {
        Sandbox.Add(Fixtures.IncompatibleEngine);

        var plugin = Single("fixture.incompatible");

        plugin.Status.ShouldBe(PluginStatus.Incompatible);
        plugin.Stage.ShouldBe(PluginStage.Compatibility);
        plugin.Reason.ShouldBe($"Needs Flows contracts ^2.0.0; this host provides {HostEngine.ContractsVersion}.");
    }

    [Theory]
    [InlineData("^1.0.0", PluginStatus.Active)]
    [InlineData(">=1.0.0 <2.0.0", PluginStatus.Active)]
    [InlineData("1.x", PluginStatus.Active)]
    [InlineData("^0.9.0", PluginStatus.Incompatible)]
    [InlineData("^1.2.0", PluginStatus.Active)]
    [InlineData(">=1.3.0", PluginStatus.Incompatible)]
    public void Discover_EngineRange_IsMatchedAsSemVerNotAsText(string range, PluginStatus expected)
    {
        var folder = Sandbox.Add(Fixtures.Good);
        PluginSandbox.EditManifest(folder, m => m["engines"]!["flows"] = range);

        Single("fixture.good").Status.ShouldBe(expected);
    }

    [Fact]
    public void Discover_UnparsableEngineRange_IsFaultedAtManifest()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        PluginSandbox.EditManifest(folder, m => m["engines"]!["flows"] = "one point oh");

        var plugin = Single("fixture.good");

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Problems.ShouldContain(p => p.StartsWith("$.engines.flows:", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_FolderWithoutManifest_IsListedAsFaultedNotSilentlyIgnored()
    {
        Sandbox.Add(StaticFixtures.NoManifest);

        var plugin = Discover().Single();

        plugin.Id.ShouldBe("no-manifest");
        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Reason.ShouldNotBeNull().ShouldContain("has no plugin.json");
    }

    [Fact]
    public void Discover_SameIdTwice_HighestSemVerWinsAndTheOtherIsSuperseded()
    {
        // "1.10.0" sorts before "1.9.0" as text; as versions it is higher.
        var older = Sandbox.Add(Fixtures.Good, asFolder: "good-1.9");
        var newer = Sandbox.Add(Fixtures.Good, asFolder: "good-1.10", bundled: true);
        PluginSandbox.EditManifest(older, m => m["version"] = "1.9.0");
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.10.0");

        var plugins = Discover().Where(p => p.Id == "fixture.good").ToList();

        plugins.Single(p => p.Status == PluginStatus.Active).Directory.ShouldBe(newer);
        var superseded = plugins.Single(p => p.Status == PluginStatus.Superseded);
        superseded.Directory.ShouldBe(older);
        superseded.Reason.ShouldNotBeNull().ShouldContain("Version 1.10.0");
    }

    [Fact]
    public void Discover_SameIdAndVersionBundledAndInstalled_TheUserInstallWins()
    {
        Sandbox.Add(Fixtures.Good, bundled: true);
        var installed = Sandbox.Add(Fixtures.Good);

        var winner = Discover().Single(p => p.Id == "fixture.good" && p.Status == PluginStatus.Active);

        winner.Directory.ShouldBe(installed);
    }

    [Fact]
    public void Discover_SameAccountTypeFromTwoPlugins_RefusesBothAndKeepsTheOthersActive()
    {
        Sandbox.Add(Fixtures.DuplicateAccountA);
        Sandbox.Add(Fixtures.DuplicateAccountB);
        Sandbox.Add(Fixtures.Good);

        var plugins = Discover();

        foreach (var id in new[] { "fixture.dupa", "fixture.dupb" })
        {
            var plugin = plugins.Single(p => p.Id == id);
            plugin.Status.ShouldBe(PluginStatus.Faulted);
            plugin.Stage.ShouldBe(PluginStage.Conflicts);
            plugin.Reason.ShouldNotBeNull().ShouldContain("'fixture.shared-type' is also contributed by");
        }

        plugins.Single(p => p.Id == "fixture.good").Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public void Discover_ManyBrokenPlugins_LeaveTheGoodOneActive()
    {
        foreach (var fixture in new[] { StaticFixtures.InvalidJson, StaticFixtures.SchemaViolation, StaticFixtures.MissingMain, StaticFixtures.PathEscape, StaticFixtures.NoManifest, Fixtures.IncompatibleEngine })
        {
            Sandbox.Add(fixture);
        }

        Sandbox.Add(Fixtures.Good);

        var plugins = Discover();

        plugins.Count.ShouldBe(7);
        plugins.Single(p => p.Status == PluginStatus.Active).Id.ShouldBe("fixture.good");
    }

    [Fact]
    public void Discover_NoPluginDirectories_ReturnsNothingWithoutFailing()
    {
        Directory.Delete(Sandbox.UserPlugins);
        Directory.Delete(Sandbox.Bundled);

        Discover().ShouldBeEmpty();
    }

    internal static IReadOnlyList<string> LoadedFrom(string directory) =>
        AssemblyLoadContext.All
            .SelectMany(context => context.Assemblies)
            .Where(a => !a.IsDynamic && a.Location.StartsWith(directory, StringComparison.Ordinal))
            .Select(a => a.Location)
            .ToList();
}
