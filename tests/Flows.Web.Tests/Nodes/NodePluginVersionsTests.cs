using System.Text.Json;
using Flows.Testing.Postgres;

namespace Flows.Web.Tests.Nodes;

/// <summary>
/// Plugin folders stay per node: real <c>flows serve</c> nodes on one real PostgreSQL database tell
/// each other which plugins they run, and <c>flows plugins list</c> on that store says where they
/// disagree.
/// </summary>
public sealed class NodePluginVersionsTests : IAsyncLifetime
{
    private StoreNodes _nodes = null!;
    private string _address = null!;
    private readonly ScratchRoot _scratch = new("flows-node-plugins");

    public async Task InitializeAsync()
    {
        _address = await StoreDatabases.CreateAsync();
        _nodes = await StoreNodes.StartAsync(_address, 0);
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        await StoreDatabases.DropAsync(_address);
        _scratch.Dispose();
    }

    [Fact]
    public async Task TwoNodesWithDifferentVersionsOfAPlugin_PluginsListNamesTheDisagreement()
    {
        await Task.WhenAll(_nodes.AddAsync("node-a", goodVersion: "1.10.0"), _nodes.AddAsync("node-b", goodVersion: "1.9.0"));

        await WaitForNodesAsync("node-a", "node-b");
        var run = await ListAsync();

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Nodes disagree on fixture.good: 1.10.0 on node-a; 1.9.0 on node-b.", Case.Sensitive, run.ToString());
        var json = await ListAsync("--json");
        var disagreement = json.Json.GetProperty("nodes").GetProperty("disagreements").EnumerateArray().ShouldHaveSingleItem();
        disagreement.GetProperty("pluginId").GetString().ShouldBe("fixture.good");
        disagreement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ShouldBe(["1.10.0", "1.9.0"]);
    }

    [Fact]
    public async Task TwoNodesWithDifferentVersionsOfAPlugin_ThePluginsPageAndApiOfEitherSayIt()
    {
        var started = await Task.WhenAll(_nodes.AddAsync("node-a", goodVersion: "1.2.0"), _nodes.AddAsync("node-b"));
        var (a, b) = (started[0], started[1]);
        await WaitForNodesAsync("node-a", "node-b");
        const string Sentence = "Nodes disagree on fixture.good: 1.2.0 on node-a; 1.0.0 on node-b.";

        // Read in the background: the first answers may come before it.
        var page = await EventuallyAsync(() => b.Client.GetStringAsync(new Uri("/plugins", UriKind.Relative)), p => p.Contains(Sentence, StringComparison.Ordinal));
        page.ShouldContain(Sentence);
        var plugins = await EventuallyAsync(
            async () => JsonNode.Parse(await a.Client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative)))!.AsArray(),
            p => p.Any(x => x!["nodesDisagree"] is not null));
        plugins.Single(p => p!["id"]!.GetValue<string>() == "fixture.good")!["nodesDisagree"]!.GetValue<string>().ShouldBe(Sentence);
        plugins.Where(p => p!["id"]!.GetValue<string>() != "fixture.good").ShouldAllBe(p => p!["nodesDisagree"] == null);
    }

    [Fact]
    public async Task TwoNodesWithTheSameVersions_PluginsListSaysNoDisagreement()
    {
        await Task.WhenAll(_nodes.AddAsync("node-a"), _nodes.AddAsync("node-b"));

        await WaitForNodesAsync("node-a", "node-b");
        var run = await ListAsync();

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("2 node(s) serve this store: node-a, node-b.", Case.Sensitive, run.ToString());
        run.Out.ShouldNotContain("disagree", Case.Insensitive, run.ToString());
    }

    [Fact]
    public async Task ANodeStoppedGracefully_IsNoLongerListed()
    {
        var a = await _nodes.AddAsync("node-a", goodVersion: "2.0.0");
        await _nodes.AddAsync("node-b");
        await WaitForNodesAsync("node-a", "node-b");

        await StoreNodes.StopGracefullyAsync(a);

        var names = await RunningNodesAsync();
        names.ShouldBe(["node-b"], a.Output);
        (await ListAsync()).Out.ShouldNotContain("disagree", Case.Insensitive);
    }

    [Fact]
    public async Task ANodeWithoutAName_IsNamedAfterItsMachineAndPort()
    {
        var node = await _nodes.AddAsync();

        await WaitForNodesAsync($"{Environment.MachineName}:{node.BaseAddress.Port}");
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        T value;
        do
        {
            value = await read();
            if (done(value))
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);

        return value;
    }

    // The local plugins of the command's own data directory do not matter here: no serve runs on it.
    private Task<CliRun> ListAsync(params string[] args) =>
        FlowsCommand.RunAsync(_scratch.Home, new Dictionary<string, string> { ["FLOWS_STORE"] = _address }, ["plugins", "list", .. args]);

    private async Task<IReadOnlyList<string>> RunningNodesAsync()
    {
        var run = await ListAsync("--json");
        run.ExitCode.ShouldBe(0, run.ToString());
        return [.. run.Json.GetProperty("nodes").GetProperty("running").EnumerateArray().Select(n => n.GetProperty("name").GetString()!)];
    }

    // A node says what it runs once it listens, a moment after it printed its address.
    private async Task WaitForNodesAsync(params string[] names)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<string> running;
        do
        {
            running = await RunningNodesAsync();
            if (names.All(running.Contains))
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);

        running.ShouldBe(names, string.Join("\n", _nodes.Nodes.Select(n => n.Output)));
    }
}
