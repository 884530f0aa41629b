using Npgsql;

namespace Flows.Testing.Postgres;

/// <summary>
/// One PostgreSQL server for the account store tests of a test run, started on first use and stopped
/// when the run ends; every caller gets a database of its own.
/// </summary>
public static class StoreDatabases
{
    private static readonly Lazy<Task<PostgresCluster>> Server = new(StartAsync);

    /// <summary>The running server (started if it was not).</summary>
    public static Task<PostgresCluster> ServerAsync() => Server.Value;

    /// <summary>A new, empty database; its address (Npgsql keywords, as the superuser).</summary>
    public static async Task<string> CreateAsync()
    {
        var server = await Server.Value;
        var name = "flows_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return server.Address(name);
    }

    /// <summary>Drops the database at <paramref name="address"/>, closing whatever is still connected to it.</summary>
    public static async Task DropAsync(string address)
    {
        var server = await Server.Value;
        var name = new NpgsqlConnectionStringBuilder(address).Database;
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(PostgresCluster server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.Address("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var cluster = await PostgresCluster.StartAsync("host all all 127.0.0.1/32 scram-sha-256\n", tls: null, setupSql: "", maxConnections: 300);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }
}
