using Flows.Host.Plugins.Nodes;
using Flows.Host.Store;
using Flows.Host.Store.PostgreSql;
using Flows.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Flows.Host.Tests.Plugins.Nodes;

/// <summary>Each node's plugins as shared documents of a real PostgreSQL store: written, read back, gone stale, withdrawn.</summary>
public sealed class NodePluginsBoardTests : IAsyncLifetime
{
    private readonly PluginSandbox _sandbox = new();
    private string _address = null!;
    private NodeSharing _sharing = null!;

    public async Task InitializeAsync()
    {
        _address = await StoreDatabases.CreateAsync();
        _sharing = new NodeSharing(
            new AccountStoreOptions { DatabasePath = Path.Combine(_sandbox.Home, "unused.db"), KeyDirectory = Path.Combine(_sandbox.Home, "keys"), Store = _address },
            NullLogger<SharedDocuments>.Instance);
    }

    public async Task DisposeAsync()
    {
        _sharing.Dispose();
        await StoreDatabases.DropAsync(_address);
        _sandbox.Dispose();
    }

    [Fact]
    public void Publish_ThenRead_GivesEveryNodeFresh_AndWithdrawRemovesOne()
    {
        var board = new NodePluginsBoard(_sharing);
        board.Publish(Node("node-a", "1.2.0"));
        board.Publish(Node("node-b", "1.0.0"));
        board.Publish(Node("node-a", "1.3.0"));

        var reports = board.Read();

        reports.Select(r => r.Node.Node).ShouldBe(["node-a", "node-b"]);
        reports.ShouldAllBe(r => !r.Stale);
        reports[0].Node.Plugins.ShouldBe([new NodePlugin("fixture.good", "1.3.0", "active")]);
        board.Withdraw("node-a");
        board.Read().Select(r => r.Node.Node).ShouldBe(["node-b"]);
    }

    [Fact]
    public async Task Read_ANodeNotHeardFromForOverFiveMinutes_IsStale()
    {
        var board = new NodePluginsBoard(_sharing);
        board.Publish(Node("node-a", "1.0.0"));
        board.Publish(Node("node-b", "1.0.0"));
        await AgeAsync("node-b", TimeSpan.FromMinutes(6));

        var reports = board.Read();

        reports.Single(r => r.Node.Node == "node-a").Stale.ShouldBeFalse();
        var stale = reports.Single(r => r.Node.Node == "node-b");
        stale.Stale.ShouldBeTrue();
        stale.Age.ShouldBeGreaterThan(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void IsShared_WithASqliteStore_IsFalse()
    {
        using var sqlite = new NodeSharing(
            new AccountStoreOptions { DatabasePath = Path.Combine(_sandbox.Home, "accounts.db"), KeyDirectory = Path.Combine(_sandbox.Home, "keys") },
            NullLogger<SharedDocuments>.Instance);

        new NodePluginsBoard(sqlite).IsShared.ShouldBeFalse();
    }

    private static NodePlugins Node(string name, string version) =>
        new(name, "1.0.0", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, [new NodePlugin("fixture.good", version, "active")]);

    // As if the node had stopped saying so that long ago.
    private async Task AgeAsync(string node, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionStrings.Parse(_address).ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE shared_documents SET updated_at = now() - @age WHERE kind = @kind AND name = @name", connection);
        update.Parameters.AddWithValue("age", age);
        update.Parameters.AddWithValue("kind", NodePluginsBoard.Kind);
        update.Parameters.AddWithValue("name", node);
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
    }
}
