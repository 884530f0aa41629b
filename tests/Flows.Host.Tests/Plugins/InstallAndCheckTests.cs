using System.IO.Compression;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Packages;
using Flows.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Host.Tests.Plugins;

public sealed class InstallAndCheckTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private async Task<PluginInstallResult> InstallAsync(string source, bool force = false)
    {
        using var host = _sandbox.CreateHost();
        return await host.GetRequiredService<PluginInstaller>().InstallAsync(source, force, CancellationToken.None);
    }

    private PluginInfo? Installed(string id)
    {
        using var host = _sandbox.CreateHost();
        return host.GetRequiredService<PluginCatalog>().Find(id);
    }

    [Fact]
    public async Task Install_PluginFolder_PlacesItUnderItsIdAndItIsActive()
    {
        var result = await InstallAsync(Fixtures.PathOf(Fixtures.Good));

        result.Installed.ShouldBeTrue(string.Join("; ", result.Problems));
        result.Plugin!.Directory.ShouldBe(Path.Combine(_sandbox.UserPlugins, "fixture.good"));
        Installed("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
        Directory.GetDirectories(Path.Combine(_sandbox.UserPlugins, ".staging")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Install_ZipPackageWithAManifestAtItsRoot_Works()
    {
        var package = Path.Combine(_sandbox.Root, "good-1.0.0.flowsplugin");
        ZipFile.CreateFromDirectory(Fixtures.PathOf(Fixtures.Good), package);

        var result = await InstallAsync(package);

        result.Installed.ShouldBeTrue(string.Join("; ", result.Problems));
        Installed("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
    }

    [Theory]
    [InlineData(Fixtures.InvalidJson, "not valid JSON")]
    [InlineData(Fixtures.SchemaViolation, "$.id")]
    [InlineData(Fixtures.MissingMain, "Missing.dll")]
    [InlineData(Fixtures.PathEscape, "leaves the plugin folder")]
    [InlineData(Fixtures.IncompatibleEngine, "Needs Flows contracts ^2.0.0")]
    public async Task Install_BrokenPlugin_IsRefusedWithTheReasonAndNothingIsInstalled(string fixture, string reason)
    {
        var result = await InstallAsync(Fixtures.PathOf(fixture));

        result.Installed.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.Contains(reason, StringComparison.Ordinal));
        Directory.GetDirectories(_sandbox.UserPlugins).Where(d => !Path.GetFileName(d).StartsWith('.')).ShouldBeEmpty();
    }

    [Fact]
    public async Task Install_RefusedUpgrade_LeavesTheInstalledVersionUntouched()
    {
        (await InstallAsync(Fixtures.PathOf(Fixtures.Good))).Installed.ShouldBeTrue();
        var broken = Path.Combine(_sandbox.Root, "broken");
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Good), broken);
        PluginSandbox.EditManifest(broken, m => { m["version"] = "2.0.0"; m["main"] = "Gone.dll"; });

        var result = await InstallAsync(broken);

        result.Installed.ShouldBeFalse();
        var plugin = Installed("fixture.good")!;
        plugin.Status.ShouldBe(PluginStatus.Active);
        plugin.Version!.ToString().ShouldBe("1.0.0");
    }

    [Fact]
    public async Task Install_NewerVersion_ReplacesTheOldOneAndSaysSo()
    {
        (await InstallAsync(Fixtures.PathOf(Fixtures.Good))).Installed.ShouldBeTrue();
        var newer = Path.Combine(_sandbox.Root, "newer");
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Good), newer);
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.1.0");

        var result = await InstallAsync(newer);

        result.Installed.ShouldBeTrue();
        result.PreviousVersion!.ToString().ShouldBe("1.0.0");
        Installed("fixture.good")!.Version!.ToString().ShouldBe("1.1.0");
    }

    [Fact]
    public async Task Install_OlderVersion_IsRefusedUnlessForced()
    {
        var newer = Path.Combine(_sandbox.Root, "newer");
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Good), newer);
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.10.0");
        (await InstallAsync(newer)).Installed.ShouldBeTrue();

        var refused = await InstallAsync(Fixtures.PathOf(Fixtures.Good));
        refused.Installed.ShouldBeFalse();
        refused.Problems.Single().ShouldContain("would downgrade it");

        (await InstallAsync(Fixtures.PathOf(Fixtures.Good), force: true)).Installed.ShouldBeTrue();
        Installed("fixture.good")!.Version!.ToString().ShouldBe("1.0.0");
    }

    [Fact]
    public async Task Install_ZipWithAnEntryEscapingTheFolder_IsRefused()
    {
        var package = Path.Combine(_sandbox.Root, "evil.zip");
        using (var archive = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(Fixtures.PathOf(Fixtures.Good), "plugin.json"), "plugin.json");
            archive.CreateEntry("../../evil.txt");
        }

        var result = await InstallAsync(package);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain("would be written outside the plugin folder");
        File.Exists(Path.Combine(_sandbox.Home, "evil.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Install_FileThatIsNotAZip_IsRefusedWithAClearMessage()
    {
        var package = Path.Combine(_sandbox.Root, "junk.flowsplugin");
        await File.WriteAllTextAsync(package, "this is not a zip");

        var result = await InstallAsync(package);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain("is not a valid zip package");
    }

    [Fact]
    public async Task Check_GoodPlugin_PassesIncludingATrialActivation()
    {
        using var host = _sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(Fixtures.PathOf(Fixtures.Good), activate: true, CancellationToken.None);

        report.Problems.ShouldBeEmpty();
        report.Activated.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Fixtures.GarbageExport, PluginStage.Verify)]
    [InlineData(Fixtures.ThrowingConstructor, PluginStage.Compose)]
    [InlineData(Fixtures.SchemaMismatch, PluginStage.Verify)]
    public async Task Check_PluginWhoseCodeMisbehaves_FailsAtTheStageWhereItBroke(string fixture, PluginStage stage)
    {
        using var host = _sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(Fixtures.PathOf(fixture), activate: true, CancellationToken.None);

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldAllBe(p => p.Stage == stage);
    }

    [Fact]
    public async Task Check_PluginShippingItsOwnCopyOfTheContracts_IsToldToRemoveIt()
    {
        var folder = Path.Combine(_sandbox.Root, "with-contracts");
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Good), folder);
        File.Copy(typeof(Flows.Contracts.IAccountDefinition).Assembly.Location, Path.Combine(folder, "Flows.Contracts.dll"));
        using var host = _sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(folder, activate: false, CancellationToken.None);

        report.Problems.Single().Message.ShouldStartWith("Flows.Contracts.dll must not ship in the plugin folder");
    }

    [Fact]
    public async Task Check_AccountSchemaThatIsNotAValidJsonSchema_IsReportedPerAccountType()
    {
        var folder = Path.Combine(_sandbox.Root, "bad-schema");
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Good), folder);
        var schema = Directory.GetFiles(Path.Combine(folder, "schemas")).Single();
        await File.WriteAllTextAsync(schema, """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": { "host": { "type": "text" } } }""");
        using var host = _sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(folder, activate: false, CancellationToken.None);

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.Message.StartsWith("Account type 'fixture-good.basic':", StringComparison.Ordinal)
            && p.Message.Contains("$.properties.host.type", StringComparison.Ordinal));
    }
}
