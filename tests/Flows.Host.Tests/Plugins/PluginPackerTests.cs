using System.IO.Compression;
using System.Security.Cryptography;
using Flows.Host.Plugins.Packages;

namespace Flows.Host.Tests.Plugins;

/// <summary>`flows plugins pack` on built plugin folders: the package it writes, what it refuses, and installing the result.</summary>
public sealed class PluginPackerTests : SandboxTests<PluginSandbox>
{
    private string Output => Path.Combine(Sandbox.Root, "out");

    private async Task<PluginPackResult> PackAsync(string folder)
    {
        using var host = Sandbox.CreateHost();
        return await host.GetRequiredService<PluginPacker>().PackAsync(PluginPacker.Locate(folder), Output, CancellationToken.None);
    }

    private static List<string> Entries(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    [Fact]
    public async Task Packing_a_built_plugin_folder_writes_id_dash_version_flowsplugin_with_the_manifest_at_its_root()
    {
        var result = await PackAsync(FixtureFolders.PathOf(Fixtures.Good));

        result.Packed.ShouldBeTrue(string.Join("; ", result.Problems));
        result.PackagePath.ShouldBe(Path.Combine(Output, "fixture.good-1.0.0.flowsplugin"));
        var entries = Entries(result.PackagePath!);
        entries.ShouldContain("plugin.json");
        entries.ShouldContain("GoodPlugin.dll");
        entries.ShouldContain("Newtonsoft.Json.dll", customMessage: "the plugin's own dependencies travel with it");
        entries.ShouldContain("schemas/good.basic.schema.json");
        entries.ShouldBe(entries.Order(StringComparer.Ordinal).ToList(), customMessage: "entries are in a stable order");
        result.FileCount.ShouldBe(entries.Count);
    }

    [Fact]
    public async Task The_package_carries_neither_the_host_provided_assemblies_nor_debug_symbols()
    {
        var result = await PackAsync(FixtureFolders.PathOf(Fixtures.Good));

        var entries = Entries(result.PackagePath!);
        entries.ShouldNotContain("Flows.Contracts.dll");
        entries.ShouldNotContain("System.Composition.AttributedModel.dll");
        File.Exists(Path.Combine(FixtureFolders.PathOf(Fixtures.Good), "GoodPlugin.pdb")).ShouldBeTrue("the fixture folder has symbols to leave out");
        entries.ShouldNotContain(e => e.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Packing_the_same_folder_twice_gives_the_same_bytes()
    {
        var first = await PackAsync(FixtureFolders.PathOf(Fixtures.Good));
        var firstHash = SHA256.HashData(await File.ReadAllBytesAsync(first.PackagePath!));

        var second = await PackAsync(FixtureFolders.PathOf(Fixtures.Good));

        SHA256.HashData(await File.ReadAllBytesAsync(second.PackagePath!)).ShouldBe(firstHash);
    }

    [Theory]
    [InlineData(StaticFixtures.SchemaViolation, "[Manifest] $.version")]
    [InlineData(StaticFixtures.MissingMain, "Missing.dll")]
    [InlineData(Fixtures.ThrowingConstructor, "[Compose] InvalidOperationException: boom from constructor")]
    [InlineData(Fixtures.SchemaMismatch, "[Verify]")]
    public async Task A_broken_plugin_is_refused_with_its_problems_and_nothing_is_written(string fixture, string problem)
    {
        var result = await PackAsync(FixtureFolders.PathOf(fixture));

        result.Packed.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.Contains(problem, StringComparison.Ordinal), string.Join("; ", result.Problems));
        (Directory.Exists(Output) ? Directory.GetFiles(Output) : []).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_plugin_folder_carrying_its_own_copy_of_the_contracts_is_refused()
    {
        var folder = Path.Combine(Sandbox.Root, "with-contracts");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), folder);
        File.Copy(typeof(Flows.Contracts.IAccountDefinition).Assembly.Location, Path.Combine(folder, "Flows.Contracts.dll"));

        var result = await PackAsync(folder);

        result.Packed.ShouldBeFalse();
        result.Problems.Single().ShouldStartWith("[Files] Flows.Contracts.dll must not ship in the plugin folder");
    }

    [Fact]
    public async Task A_packed_plugin_installs_and_is_active()
    {
        var packed = await PackAsync(FixtureFolders.PathOf(Fixtures.Good));
        using var host = Sandbox.CreateHost();

        var installed = await host.GetRequiredService<PluginInstaller>().InstallAsync(packed.PackagePath!, force: false, CancellationToken.None);

        installed.Installed.ShouldBeTrue(string.Join("; ", installed.Problems));
        installed.Plugin!.Directory.ShouldBe(Path.Combine(Sandbox.UserPlugins, "fixture.good"));
        installed.Plugin.Status.ShouldBe(PluginStatus.Active);
        File.Exists(Path.Combine(installed.Plugin.Directory, "schemas", "good.basic.schema.json")).ShouldBeTrue();
    }

    [Fact]
    public void A_folder_with_one_project_file_is_packed_as_a_project_and_one_with_neither_is_refused()
    {
        var project = Directory.CreateDirectory(Path.Combine(Sandbox.Root, "project")).FullName;
        File.WriteAllText(Path.Combine(project, "Acme.Connector.csproj"), "<Project />");
        var empty = Directory.CreateDirectory(Path.Combine(Sandbox.Root, "empty")).FullName;

        PluginPacker.Locate(project).ShouldBe(new PackSource(Path.Combine(project, "Acme.Connector.csproj"), IsProject: true, null));
        PluginPacker.Locate(FixtureFolders.PathOf(Fixtures.Good)).IsProject.ShouldBeFalse();
        PluginPacker.Locate(empty).Error.ShouldNotBeNull().ShouldContain("has neither a plugin.json nor a project file");
    }
}
