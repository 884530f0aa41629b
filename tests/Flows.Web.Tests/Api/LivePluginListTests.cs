using Flows.Host.Plugins.Packages;
using Flows.Host.Plugins.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flows.Web.Tests.Api;

/// <summary>
/// A running server follows plugin changes made behind its back (another terminal's <c>flows plugins
/// install/disable</c>, a folder copied or deleted by hand) without a restart.
/// </summary>
public sealed class LivePluginListTests
{
    private const string GoodId = "fixture.good";

    [Fact]
    public async Task Plugins_CopiedInWhileTheServerRuns_AreListedAndTheirFormsServedWithoutARestart()
    {
        await using var api = await ApiSession.StartAsync(_ => { });
        (await PluginsAsync(api)).ShouldBeEmpty();

        api.Web.Plugins.Add(Fixtures.Good);

        var plugin = await EventuallyAsync(api, plugins => plugins.GetValueOrDefault(GoodId));
        plugin["status"]!.GetValue<string>().ShouldBe("active");
        var types = (await api.GetAsync("/api/account-types")).Json.AsArray();
        types.Select(t => t!["id"]!.GetValue<string>()).ShouldBe([ApiSession.TypeId]);
        using var form = await api.Web.Client.GetAsync($"/connectors/{GoodId}/new/{ApiSession.TypeId}");
        form.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Plugins_WhenTheUserPluginFolderIsCreatedAfterStart_AreStillPickedUp()
    {
        await using var api = await ApiSession.StartAsync(s => Directory.Delete(s.UserPlugins));
        (await PluginsAsync(api)).ShouldBeEmpty();

        api.Web.Plugins.Add(Fixtures.Good);

        (await EventuallyAsync(api, plugins => plugins.GetValueOrDefault(GoodId)))["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task Plugins_DisabledFromAnotherProcess_ShowAsDisabledWithoutARestart()
    {
        await using var api = await ApiSession.StartAsync();
        (await PluginsAsync(api))[GoodId]["status"]!.GetValue<string>().ShouldBe("active");

        // What `flows plugins disable` does in another terminal: its own state store over the same data directory.
        new PluginStateStore(new FlowsHostOptions { HomeDirectory = api.Web.Plugins.Home }, NullLogger<PluginStateStore>.Instance)
            .SetEnabled(GoodId, false);

        await EventuallyAsync(api, plugins => plugins[GoodId]["status"]!.GetValue<string>() == "disabled" ? plugins[GoodId] : null);
        (await api.GetAsync("/api/account-types")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Plugins_WhoseFolderIsDeletedWhileTheServerRuns_AreNoLongerListed()
    {
        await using var api = await ApiSession.StartAsync();
        (await PluginsAsync(api)).ShouldContainKey(GoodId);

        Directory.Delete(Path.Combine(api.Web.Plugins.UserPlugins, Path.GetFileName(Fixtures.Good)), recursive: true);

        await EventuallyAsync(api, plugins => plugins.ContainsKey(GoodId) ? null : new JsonObject());
    }

    [Fact]
    public async Task Plugins_UpgradedByAnInstallWhileTheServerRuns_TheNewVersionIsListedAndValidatesAccounts()
    {
        await using var api = await ApiSession.StartAsync(_ => { });
        (await PluginsAsync(api)).ShouldBeEmpty();
        await InstallAsync(api, FixtureFolders.PathOf(Fixtures.Good));
        await EventuallyAsync(api, plugins => plugins.GetValueOrDefault(GoodId));
        // The 1.0.0 code is loaded by a first Save & Validate.
        (await api.PostAsync("/api/accounts", ApiSession.Body("First", "example.com", "k-1", validate: true))).Status.ShouldBe(System.Net.HttpStatusCode.Created);

        var newer = Path.Combine(api.Web.Plugins.Root, "newer");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), newer);
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.1.0");
        await InstallAsync(api, newer);

        await EventuallyAsync(api, plugins => plugins[GoodId]["version"]!.GetValue<string>() == "1.1.0" ? plugins[GoodId] : null);
        var second = await api.PostAsync("/api/accounts", ApiSession.Body("Second", "example.com", "k-2", validate: true));
        second.Status.ShouldBe(System.Net.HttpStatusCode.Created, second.Text);
        second.Json["status"]!["kind"]!.GetValue<string>().ShouldBe("valid");
    }

    // What `flows plugins install` does in another terminal: its own composition root over the same data directory.
    private static async Task InstallAsync(ApiSession api, string source)
    {
        using var cli = api.Web.Plugins.CreateHost();
        var result = await cli.GetRequiredService<PluginInstaller>().InstallAsync(source, force: false, CancellationToken.None);
        result.Installed.ShouldBeTrue();
    }

    private static async Task<Dictionary<string, JsonObject>> PluginsAsync(ApiSession api) =>
        (await api.GetAsync("/api/plugins")).Json.AsArray()
            .Select(p => p!.AsObject())
            .ToDictionary(p => p["id"]!.GetValue<string>());

    // File change notices arrive asynchronously: asks again until the answer shows the change, for up to 10 s.
    private static async Task<JsonObject> EventuallyAsync(ApiSession api, Func<Dictionary<string, JsonObject>, JsonObject?> seen)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var plugins = await PluginsAsync(api);
            if (seen(plugins) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"The server still lists: {string.Join(", ", plugins.Select(p => $"{p.Key} {p.Value["status"]}"))}");
            }

            await Task.Delay(50);
        }
    }
}
