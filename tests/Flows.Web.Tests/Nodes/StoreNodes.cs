using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Flows.Web.Tests.Nodes;

/// <summary>
/// Several real <c>flows serve</c> processes on one PostgreSQL database, as a team runs them behind one
/// address: each with a data directory of its own (the fixture plugin in it), all with the same store
/// setting and secret key.
/// </summary>
internal sealed class StoreNodes : IAsyncDisposable
{
    private readonly ScratchRoot _root = new("flows-node-tests");
    private readonly List<FlowsServer> _nodes = [];

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyList<string> _fixtures;

    private StoreNodes(string address, string key, IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string>? fixtures)
    {
        Address = address;
        SecretKey = key;
        _environment = environment ?? new Dictionary<string, string>();
        _fixtures = fixtures ?? [Fixtures.Good];
    }

    public string Address { get; }

    public string SecretKey { get; }

    public IReadOnlyList<FlowsServer> Nodes => _nodes;

    /// <param name="environment">More settings every node gets (e.g. FLOWS_OUTBOUND_ALLOWED_HOSTS).</param>
    /// <param name="fixtures">The fixture plugins in every node's plugins folder (the good one when not said).</param>
    public static async Task<StoreNodes> StartAsync(string address, int count, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? fixtures = null)
    {
        var nodes = new StoreNodes(address, AccountStoreSandbox.NewKey(), environment, fixtures);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => nodes.AddAsync()));
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more node on the store, named <paramref name="name"/> if given, its copy of the fixture
    /// plugin at <paramref name="goodVersion"/> if given (its manifest rewritten).
    /// </summary>
    public async Task<FlowsServer> AddAsync(string? name = null, string? goodVersion = null)
    {
        var home = Path.Combine(_root.Path, "node-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var fixture in _fixtures)
        {
            var folder = Path.Combine(home, "plugins", fixture);
            FixtureFolders.Copy(FixtureFolders.PathOf(fixture), folder);
            if (goodVersion is not null && fixture == Fixtures.Good)
            {
                PluginSandbox.EditManifest(folder, m => m["version"] = goodVersion);
            }
        }

        var environment = new Dictionary<string, string>(_environment)
        {
            ["FLOWS_STORE"] = Address,
            ["FLOWS_SECRET_KEY"] = SecretKey,
        };
        if (name is not null)
        {
            environment["FLOWS_NODE_NAME"] = name;
        }

        var node = await FlowsServer.StartAsync(home, environment);
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        return node;
    }

    /// <summary>Kills a node at once (SIGKILL), as a crash or an OOM kill would.</summary>
    public static void Kill(FlowsServer node) => Process.GetProcessById(node.ProcessId).Kill();

    /// <summary>Stops a node as an operator or a service manager does (SIGTERM) and waits until it has ended.</summary>
    public static async Task StopGracefullyAsync(FlowsServer node)
    {
        using var process = Process.GetProcessById(node.ProcessId);
        using (var kill = Process.Start("kill", ["-TERM", node.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Creates an account through a node's API; the answer's status and the new account's id (201 only).</summary>
    public static async Task<(HttpStatusCode Status, string? Id)> CreateAsync(FlowsServer node, string label)
    {
        try
        {
            using var answer = await node.Client.PostAsync(
                new Uri("/api/accounts", UriKind.Relative),
                new StringContent(
                    $$$"""{"accountTypeId":"fixture-good.basic","label":"{{{label}}}","values":{"host":"{{{Host(label)}}}.example.com","apiKey":"k-{{{Host(label)}}}"}}""",
                    Encoding.UTF8,
                    "application/json"));
            var body = await answer.Content.ReadAsStringAsync();
            return (answer.StatusCode, answer.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(body)!["id"]!.GetValue<string>() : null);
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
    }

    private static string Host(string label) => label.ToLowerInvariant().Replace(' ', '-');

    /// <summary>The store as another process sees it (same database, same key).</summary>
    public AccountStore OpenStore() => new(
        new AccountStoreOptions
        {
            DatabasePath = Path.Combine(_root.Path, "unused.db"),
            KeyDirectory = Path.Combine(_root.Path, "keys"),
            Store = Address,
            SecretKey = SecretKey,
        },
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<AccountStore>.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _root.Dispose();
    }
}
