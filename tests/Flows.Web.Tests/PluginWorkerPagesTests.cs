using System.Globalization;
using System.Text;

namespace Flows.Web.Tests;

/// <summary>
/// Under the real <c>flows serve</c>: the Plugins page and <c>/api/plugins</c> show a plugin's running
/// worker (its process id and memory) after a check, and that none runs once it ended for being idle.
/// </summary>
public sealed partial class PluginWorkerPagesTests : IDisposable
{
    private readonly ScratchRoot _root = new("flows-worker-tests");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task PluginsPage_ShowsTheRunningWorkerWithPidAndMemory_ThenNotRunningAfterItsIdleEnd()
    {
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), Path.Combine(_root.Home, "plugins", "good"));
        // 6 s: the page is read after the check well within it, even on a busy machine.
        await using var server = await FlowsServer.StartAsync(_root.Home, new Dictionary<string, string> { ["FLOWS_PluginWorkers__IdleMinutes"] = "0.1" });
        var (_, before) = await server.Client.GetPageAsync("/plugins");
        before.ShouldContain("Worker: not running (starts on next use)");

        using (var created = await server.Client.PostAsync(
            new Uri("/api/accounts", UriKind.Relative),
            new StringContent("""{"accountTypeId":"fixture-good.basic","label":"Prod","values":{"host":"example.com","apiKey":"k-1"},"validate":true}""", Encoding.UTF8, "application/json")))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        var (_, page) = await server.Client.GetPageAsync("/plugins");
        var running = RunningLine().Match(page);
        running.Success.ShouldBeTrue(page);
        var pid = int.Parse(running.Groups["pid"].Value, CultureInfo.InvariantCulture);
        File.ReadAllText($"/proc/{pid}/cmdline").ShouldContain("__plugin-worker");
        double.Parse(running.Groups["mb"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
        var plugin = await GoodPluginAsync(server);
        plugin["worker"].ShouldNotBeNull(plugin.ToJsonString());
        plugin["worker"]!["running"]!.GetValue<bool>().ShouldBeTrue();
        plugin["worker"]!["pid"]!.GetValue<int>().ShouldBe(pid);
        plugin["worker"]!["memoryBytes"]!.GetValue<long>().ShouldBeGreaterThan(1024 * 1024);

        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Directory.Exists($"/proc/{pid}").ShouldBeFalse($"worker {pid} still runs after its idle time");
        var (_, after) = await server.Client.GetPageAsync("/plugins");
        after.ShouldContain("Worker: not running (starts on next use)");
        (await GoodPluginAsync(server)).ContainsKey("worker").ShouldBeFalse();
        // Ending an idle worker is not a problem to report.
        server.Log.ShouldNotContain("warn:", customMessage: server.Log);
    }

    private static async Task<JsonObject> GoodPluginAsync(FlowsServer server)
    {
        var plugins = JsonNode.Parse(await server.Client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative)))!.AsArray();
        return plugins.Select(p => p!.AsObject()).Single(p => p["id"]!.GetValue<string>() == "fixture.good");
    }

    [GeneratedRegex(@"Worker: running, pid (?<pid>\d+), (?<mb>[\d.]+) MB, idle for \d+ s")]
    private static partial Regex RunningLine();
}
