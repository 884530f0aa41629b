using System.IO.Compression;
using Flows.Host.Plugins.Packages;

namespace Flows.Host.Tests.Plugins;

public sealed class InstallAndCheckTests : SandboxTests<PluginSandbox>
{
    private async Task<PluginInstallResult> InstallAsync(string source, bool force = false)
    {
        using var host = Sandbox.CreateHost();
        return await host.GetRequiredService<PluginInstaller>().InstallAsync(source, force, CancellationToken.None);
    }

    private PluginInfo? Installed(string id)
    {
        using var host = Sandbox.CreateHost();
        return host.GetRequiredService<PluginCatalog>().Find(id);
    }

    [Fact]
    public async Task Install_PluginFolder_PlacesItUnderItsIdAndItIsActive()
    {
        var result = await InstallAsync(FixtureFolders.PathOf(Fixtures.Good));

        result.Installed.ShouldBeTrue(string.Join("; ", result.Problems));
        result.Plugin!.Directory.ShouldBe(Path.Combine(Sandbox.UserPlugins, "fixture.good"));
        Installed("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
        Directory.GetDirectories(Path.Combine(Sandbox.UserPlugins, ".staging")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Install_ZipPackageWithAManifestAtItsRoot_Works()
    {
        var package = Path.Combine(Sandbox.Root, "good-1.0.0.flowsplugin");
        ZipFile.CreateFromDirectory(FixtureFolders.PathOf(Fixtures.Good), package);

        var result = await InstallAsync(package);

        result.Installed.ShouldBeTrue(string.Join("; ", result.Problems));
        Installed("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
    }

    [Theory]
    [InlineData(StaticFixtures.InvalidJson, "not valid JSON")]
    [InlineData(StaticFixtures.SchemaViolation, "$.id")]
    [InlineData(StaticFixtures.MissingMain, "Missing.dll")]
    [InlineData(StaticFixtures.PathEscape, "leaves the plugin folder")]
    [InlineData(Fixtures.IncompatibleEngine, "Needs Flows contracts ^2.0.0")]
    public async Task Install_BrokenPlugin_IsRefusedWithTheReasonAndNothingIsInstalled(string fixture, string reason)
    {
        var result = await InstallAsync(FixtureFolders.PathOf(fixture));

        result.Installed.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.Contains(reason, StringComparison.Ordinal));
        Directory.GetDirectories(Sandbox.UserPlugins).Where(d => !Path.GetFileName(d).StartsWith('.')).ShouldBeEmpty();
    }

    [Fact]
    public async Task Install_RefusedUpgrade_LeavesTheInstalledVersionUntouched()
    {
        (await InstallAsync(FixtureFolders.PathOf(Fixtures.Good))).Installed.ShouldBeTrue();
        var broken = Path.Combine(Sandbox.Root, "broken");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), broken);
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
        (await InstallAsync(FixtureFolders.PathOf(Fixtures.Good))).Installed.ShouldBeTrue();
        var newer = Path.Combine(Sandbox.Root, "newer");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), newer);
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.1.0");

        var result = await InstallAsync(newer);

        result.Installed.ShouldBeTrue();
        result.PreviousVersion!.ToString().ShouldBe("1.0.0");
        Installed("fixture.good")!.Version!.ToString().ShouldBe("1.1.0");
    }

    [Fact]
    public async Task Install_OlderVersion_IsRefusedUnlessForced()
    {
        var newer = Path.Combine(Sandbox.Root, "newer");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), newer);
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.10.0");
        (await InstallAsync(newer)).Installed.ShouldBeTrue();

        var refused = await InstallAsync(FixtureFolders.PathOf(Fixtures.Good));
        refused.Installed.ShouldBeFalse();
        refused.Problems.Single().ShouldContain("would downgrade it");

        (await InstallAsync(FixtureFolders.PathOf(Fixtures.Good), force: true)).Installed.ShouldBeTrue();
        Installed("fixture.good")!.Version!.ToString().ShouldBe("1.0.0");
    }

    [Fact]
    public async Task Install_ZipWithAnEntryEscapingTheFolder_IsRefused()
    {
        var package = Path.Combine(Sandbox.Root, "evil.zip");
        using (var archive = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(FixtureFolders.PathOf(Fixtures.Good), "plugin.json"), "plugin.json");
            archive.CreateEntry("../../evil.txt");
        }

        var result = await InstallAsync(package);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain("would be written outside the plugin folder");
        File.Exists(Path.Combine(Sandbox.Home, "evil.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Install_FileThatIsNotAZip_IsRefusedWithAClearMessage()
    {
        var package = Path.Combine(Sandbox.Root, "junk.flowsplugin");
        await File.WriteAllTextAsync(package, "this is not a zip");

        var result = await InstallAsync(package);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain("is not a valid zip package");
    }

    [Fact]
    public async Task Check_GoodPlugin_PassesIncludingATrialActivation()
    {
        using var host = Sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(FixtureFolders.PathOf(Fixtures.Good), activate: true, CancellationToken.None);

        report.Problems.ShouldBeEmpty();
        report.Activated.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Fixtures.ThrowingConstructor, PluginStage.Compose)]
    [InlineData(Fixtures.SchemaMismatch, PluginStage.Verify)]
    public async Task Check_PluginWhoseCodeMisbehaves_FailsAtTheStageWhereItBroke(string fixture, PluginStage stage)
    {
        using var host = Sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(FixtureFolders.PathOf(fixture), activate: true, CancellationToken.None);

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldAllBe(p => p.Stage == stage);
    }

    [Fact]
    public async Task Check_PluginShippingItsOwnCopyOfTheContracts_IsToldToRemoveIt()
    {
        var folder = Path.Combine(Sandbox.Root, "with-contracts");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), folder);
        File.Copy(typeof(Flows.Contracts.IAccountDefinition).Assembly.Location, Path.Combine(folder, "Flows.Contracts.dll"));
        using var host = Sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(folder, activate: false, CancellationToken.None);

        report.Problems.Single().Message.ShouldStartWith("Flows.Contracts.dll must not ship in the plugin folder");
    }

    [Fact]
    public async Task Check_AccountSchemaThatIsNotAValidJsonSchema_IsReportedPerAccountType()
    {
        var folder = Path.Combine(Sandbox.Root, "bad-schema");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), folder);
        var schema = Directory.GetFiles(Path.Combine(folder, "schemas")).Single();
        await File.WriteAllTextAsync(schema, """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": { "host": { "type": "text" } } }""");
        using var host = Sandbox.CreateHost();

        var report = await host.GetRequiredService<PluginChecker>().CheckAsync(folder, activate: false, CancellationToken.None);

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.Message.StartsWith("Account type 'fixture-good.basic':", StringComparison.Ordinal)
            && p.Message.Contains("$.properties.host.type", StringComparison.Ordinal));
    }

    private string CopyOfGood(string name)
    {
        var folder = Path.Combine(Sandbox.Root, name);
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), folder);
        return folder;
    }

    private void NothingInstalled() =>
        Directory.GetDirectories(Sandbox.UserPlugins).Where(d => !Path.GetFileName(d).StartsWith('.')).ShouldBeEmpty();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InstallFolder_WithALinkLeavingTheFolder_IsRefusedNamingTheLinkAndCopiesNothing(bool toAFolder)
    {
        var outside = Path.Combine(Sandbox.Root, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "private.txt"), "not the plugin's");
        var folder = CopyOfGood("linked-out");
        if (toAFolder)
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, "schemas", "big"), outside);
        }
        else
        {
            File.CreateSymbolicLink(Path.Combine(folder, "notes.txt"), Path.Combine(outside, "private.txt"));
        }

        var result = await InstallAsync(folder);

        result.Installed.ShouldBeFalse();
        var link = toAFolder ? Path.Combine("schemas", "big") : "notes.txt";
        result.Problems.Single().ShouldStartWith($"'{link}' is a symbolic link to '{(toAFolder ? outside : Path.Combine(outside, "private.txt"))}', outside the plugin folder");
        NothingInstalled();
    }

    [Fact]
    public async Task InstallFolder_WithALinkToAFileInsideIt_InstallsACopyOfTheFile()
    {
        var folder = CopyOfGood("linked-in");
        File.CreateSymbolicLink(Path.Combine(folder, "manifest-copy.json"), Path.Combine(folder, "plugin.json"));

        var result = await InstallAsync(folder);

        result.Installed.ShouldBeTrue(string.Join("; ", result.Problems));
        var copy = new FileInfo(Path.Combine(Sandbox.UserPlugins, "fixture.good", "manifest-copy.json"));
        copy.LinkTarget.ShouldBeNull();
        (await File.ReadAllTextAsync(copy.FullName)).ShouldBe(await File.ReadAllTextAsync(Path.Combine(folder, "plugin.json")));
    }

    [Fact]
    public async Task InstallFolder_WithALinkToAFolderThatHoldsIt_IsRefusedAsALinkLoop()
    {
        var folder = CopyOfGood("loop");
        Directory.CreateSymbolicLink(Path.Combine(folder, "schemas", "again"), folder);

        var result = await InstallAsync(folder);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain($"'{Path.Combine("schemas", "again")}' is a symbolic link to '{folder}', a folder that contains the link itself, so the folder never ends (a link loop).");
        NothingInstalled();
    }

    [Fact]
    public async Task InstallFolder_WithLinksPointingAtEachOther_IsRefusedAsALinkLoop()
    {
        var folder = CopyOfGood("circle");
        File.CreateSymbolicLink(Path.Combine(folder, "a"), Path.Combine(folder, "b"));
        File.CreateSymbolicLink(Path.Combine(folder, "b"), Path.Combine(folder, "a"));

        var result = await InstallAsync(folder);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldMatch(@"^'[ab]' is a symbolic link that leads in a circle \(a link loop\)");
        NothingInstalled();
    }

    [Fact]
    public async Task InstallFolder_WithMoreFilesThanAPackageMayHave_IsRefused()
    {
        var folder = CopyOfGood("many");
        var filler = Directory.CreateDirectory(Path.Combine(folder, "filler")).FullName;
        for (var i = 0; i < 10_000; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(filler, $"{i}.txt"), []);
        }

        var result = await InstallAsync(folder);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain("holds more than 10,000 files; a plugin may have at most 10,000, the same as a package.");
        NothingInstalled();
    }

    [Fact]
    public async Task InstallFolder_BiggerThanAPackageMayUnpackTo_IsRefusedBeforeCopying()
    {
        var folder = CopyOfGood("big");
        await using (var big = File.Create(Path.Combine(folder, "big.bin")))
        {
            // Sparse: 513 MB long, no disk used.
            big.SetLength(513L * 1024 * 1024);
        }

        var result = await InstallAsync(folder);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldContain("holds more than 512 MB; a plugin may be at most 512 MB, the same as a package.");
        NothingInstalled();
    }

    [Fact]
    public async Task InstallZip_WithTwoEntriesOfOneName_IsRefusedSayingSoNotBlamingTheDataDirectory()
    {
        var package = Path.Combine(Sandbox.Root, "twice.flowsplugin");
        ZipFile.CreateFromDirectory(FixtureFolders.PathOf(Fixtures.Good), package);
        using (var archive = ZipFile.Open(package, ZipArchiveMode.Update))
        {
            archive.CreateEntryFromFile(Path.Combine(FixtureFolders.PathOf(Fixtures.Good), "plugin.json"), "plugin.json");
        }

        var result = await InstallAsync(package);
        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "install", package);

        result.Installed.ShouldBeFalse();
        result.Problems.Single().ShouldBe("The package has two entries for the file 'plugin.json'; a package names each file once. Make it again (flows plugins pack does).");
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("two entries for the file 'plugin.json'");
        run.Error.ShouldNotContain("FLOWS_HOME");
        NothingInstalled();
    }

    [Fact]
    public async Task InstallFolderWithTheCli_WithALinkLoop_SaysSoNotBlamingTheDataDirectory()
    {
        var folder = CopyOfGood("cli-loop");
        Directory.CreateSymbolicLink(Path.Combine(folder, "self"), folder);

        var run = await FlowsCommand.RunAsync(Sandbox.Home, "plugins", "install", folder);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("(a link loop)");
        run.Error.ShouldNotContain("FLOWS_HOME");
    }
}
