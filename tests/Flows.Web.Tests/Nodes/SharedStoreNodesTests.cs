using System.Net;
using Flows.Testing.Postgres;

namespace Flows.Web.Tests.Nodes;

/// <summary>
/// Three real <c>flows serve</c> nodes on one real PostgreSQL database: what one node stores, every node
/// sees; what one node promises (a 201), the database keeps; what the nodes share besides accounts
/// (data protection keys, plugin state) works across them.
/// </summary>
public sealed class SharedStoreNodesTests : IAsyncLifetime
{
    private StoreNodes _nodes = null!;
    private string _address = null!;

    public async Task InitializeAsync()
    {
        _address = await StoreDatabases.CreateAsync();
        _nodes = await StoreNodes.StartAsync(_address, 3);
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        await StoreDatabases.DropAsync(_address);
    }

    [Fact]
    public async Task CreatesSpreadOverThreeNodes_AreEachStoredExactlyOnce()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 900).Select(i => StoreNodes.CreateAsync(_nodes.Nodes[i % 3], $"Account{i:D4}")));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created, string.Join("\n", _nodes.Nodes.Select(n => n.Log)));
        var promised = answers.Select(a => a.Id!).ToList();
        promised.Distinct().Count().ShouldBe(900);
        var stored = await _nodes.OpenStore().ListAsync();
        stored.Count.ShouldBe(900);
        stored.Select(s => s.Id).Order().ShouldBe(promised.Order());
    }

    [Fact]
    public async Task TwoHundredCreatesOfOneLabelAcrossNodes_StoreOneAccount()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => StoreNodes.CreateAsync(_nodes.Nodes[i % 3], "Same label")));

        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", _nodes.Nodes.Select(n => n.Log)));
        answers.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(199);
        (await _nodes.OpenStore().ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AFormOpenedOnOneNode_PostsToAnother()
    {
        var (a, b) = (_nodes.Nodes[0], _nodes.Nodes[1]);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var form = await browser.GetStringAsync(new Uri(a.BaseAddress, "/connectors/fixture.good/new/fixture-good.basic"));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__af\" value=\"([^\"]+)\"");
        token.Success.ShouldBeTrue(form);

        // Cookies go by host, not port: the browser sends node A's antiforgery cookie to node B as well.
        using var posted = await browser.PostAsync(
            new Uri(b.BaseAddress, "/connectors/fixture.good/new/fixture-good.basic"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["$label"] = "Opened on A",
                ["host"] = "a.example.com",
                ["apiKey"] = "k-a",
                ["action"] = "apply",
            }));

        var page = await posted.Content.ReadAsStringAsync();
        ((int)posted.StatusCode).ShouldBeLessThan(400, page);
        (await _nodes.OpenStore().FindByLabelAsync("fixture.good", "Opened on A")).ShouldNotBeNull(page);
    }

    [Fact]
    public async Task APluginDisabledOnOneNode_IsDisabledOnTheOthersWithinASecond()
    {
        // Nodes that have been serving (the first page of a fresh process pays for its start).
        foreach (var node in _nodes.Nodes)
        {
            (await node.Client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative))).ShouldContain("\"active\"");
        }

        using var disable = await _nodes.Nodes[0].Client.PostAsync(new Uri("/api/plugins/fixture.good/disable", UriKind.Relative), new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        disable.StatusCode.ShouldBe(HttpStatusCode.OK);
        var disabledAt = DateTime.UtcNow;

        foreach (var other in _nodes.Nodes.Skip(1))
        {
            string status;
            do
            {
                var plugins = JsonNode.Parse(await other.Client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative)))!.AsArray();
                status = plugins.Single(p => p!["id"]!.GetValue<string>() == "fixture.good")!["status"]!.GetValue<string>();
                if (status != "disabled")
                {
                    await Task.Delay(20);
                }
            }
            while (status != "disabled" && DateTime.UtcNow - disabledAt < TimeSpan.FromSeconds(5));

            status.ShouldBe("disabled");
            (DateTime.UtcNow - disabledAt).ShouldBeLessThan(TimeSpan.FromSeconds(1), other.Log);
        }
    }

    [Fact]
    public async Task EveryNodeIsReady_WhileTheStoreAnswers_AndSaysWhichStoreWithoutItsPassword()
    {
        foreach (var node in _nodes.Nodes)
        {
            using var ready = await node.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            (await ready.Content.ReadAsStringAsync()).ShouldBe("ready");
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
            node.Output.ShouldContain("Accounts: PostgreSQL database flows_");
            node.Output.ShouldNotContain(PostgresCluster.SuperuserPassword);
        }
    }
}
