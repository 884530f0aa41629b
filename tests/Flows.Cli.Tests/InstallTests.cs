using System.Runtime.InteropServices;

namespace Flows.Cli.Tests;

/// <summary>
/// flows installed the two ways the README gives, each run as the installed executable with a fresh
/// data directory: a .NET tool from a folder of packages, and a published folder. Slow (each packs
/// or publishes the real host), so only these two.
/// </summary>
public sealed class InstallTests : IDisposable
{
    private readonly ScratchRoot scratch = new("flows-install");

    private static string Project => Path.Combine(BuildOutputs.RepoRoot, "host", "Flows.Cli");

    [Fact]
    public async Task ToolPackage_InstalledWithDotnetToolInstall_ListsBothBundledPluginsActive()
    {
        var feed = Path.Combine(scratch.Path, "feed");
        var tools = Path.Combine(scratch.Path, "tools");
        // A package folder of its own: a flows 1.0.0 that an earlier run left in the shared one would be installed instead.
        var packages = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(scratch.Path, "packages") };

        var pack = await DotnetCommand.RunAsync(packages, "pack", Project, "-c", "Release", "-o", feed);
        pack.ExitCode.ShouldBe(0, pack.ToString());
        var install = await DotnetCommand.RunAsync(packages, "tool", "install", "--tool-path", tools, "flows", "--add-source", feed);
        install.ExitCode.ShouldBe(0, install.ToString());

        await ShouldListBothBundledPluginsActiveAsync(Path.Combine(tools, "flows"));
    }

    [Fact]
    public async Task PublishedFolder_RunsWithItsBundledPluginsNextToIt()
    {
        var folder = Path.Combine(scratch.Path, "published");

        var publish = await DotnetCommand.RunAsync(new Dictionary<string, string>(),
            "publish", Project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", folder);
        publish.ExitCode.ShouldBe(0, publish.ToString());

        Directory.Exists(Path.Combine(folder, "plugins", "salesforce")).ShouldBeTrue();
        await ShouldListBothBundledPluginsActiveAsync(Path.Combine(folder, "flows"));
    }

    private async Task ShouldListBothBundledPluginsActiveAsync(string flows)
    {
        var run = await DotnetCommand.RunFlowsAsync(flows, scratch.Home, "plugins", "list", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var plugins = run.Json.GetProperty("plugins").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("status").GetString());
        plugins.ShouldContainKeyAndValue("flows.salesforce", "active");
        plugins.ShouldContainKeyAndValue("flows.postgresql", "active");
    }

    public void Dispose() => scratch.Dispose();
}
