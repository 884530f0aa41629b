using System.Data.Common;
using System.Security.Cryptography;
using Flows.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Flows.Testing;

/// <summary>The database an account store test runs on.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in the sandbox (the default store).</summary>
    Sqlite,

    /// <summary>A database of its own on the test run's PostgreSQL server.</summary>
    Postgres,
}

/// <summary>
/// A throwaway data directory for account store tests: real key files, and a real SQLite file or a
/// real PostgreSQL database of its own.
/// </summary>
public sealed class AccountStoreSandbox : IDisposable
{
    public AccountStoreSandbox()
        : this(StoreKind.Sqlite)
    {
    }

    public AccountStoreSandbox(StoreKind kind)
    {
        Kind = kind;
        Root = Path.Combine(Path.GetTempPath(), "flows-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
        if (kind == StoreKind.Postgres)
        {
            PostgresAddress = StoreDatabases.CreateAsync().GetAwaiter().GetResult();
        }
    }

    public StoreKind Kind { get; }

    /// <summary>The PostgreSQL database's address (with <see cref="StoreKind.Postgres"/>).</summary>
    public string? PostgresAddress { get; }

    public string Root { get; }

    public string Home => Path.Combine(Root, "home");

    public string DatabasePath => Path.Combine(Home, "accounts.db");

    public string KeyDirectory => Path.Combine(Home, "keys");

    public string KeyFile => Path.Combine(KeyDirectory, "accounts.key");

    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A new store instance over the sandbox (as another run or another process would open it).</summary>
    /// <param name="secretKey">The store's secret key.</param>
    /// <param name="previousKeys">Keys the store may still read secrets with.</param>
    /// <param name="connectionWait">On PostgreSQL, how long a write may wait for one of the store's connections (Npgsql's 15 s when null).</param>
    public AccountStore Open(string? secretKey = null, IReadOnlyList<string>? previousKeys = null, TimeSpan? connectionWait = null) =>
        new(
            new AccountStoreOptions
            {
                DatabasePath = DatabasePath,
                // The test run's server is shared by the tests running at once: a store takes at most 40 of its
                // connections, and gives back those idle for 10 s (a test may open a store per check).
                Store = PostgresAddress is null ? null : PostgresAddress + ";Maximum Pool Size=40;Connection Idle Lifetime=10"
                    + (connectionWait is { } wait ? $";Timeout={(int)wait.TotalSeconds}" : string.Empty),
                KeyDirectory = KeyDirectory,
                SecretKey = secretKey,
                PreviousSecretKeys = previousKeys ?? [],
            },
            Time,
            NullLogger<AccountStore>.Instance);

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static AccountDraft Draft(string label, JsonObject values, string pluginId = "salesforce", string accountTypeId = "salesforce.oauth", string? id = null, long? version = null) =>
        new()
        {
            Id = id,
            Version = version,
            AccountTypeId = accountTypeId,
            PluginId = pluginId,
            PluginVersion = "1.2.3",
            SchemaVersion = AccountSchemaHash.Compute("{\"type\":\"object\"}"),
            Label = label,
            Values = values,
        };

    /// <summary>A connection for inspecting the SQLite file directly, outside the store.</summary>
    public SqliteConnection Raw()
    {
        Kind.ShouldBe(StoreKind.Sqlite, "a raw SQLite connection needs the SQLite store");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>A connection for inspecting the store's database directly, outside the store (SQLite or PostgreSQL).</summary>
    public DbConnection RawDatabase()
    {
        if (Kind == StoreKind.Sqlite)
        {
            return Raw();
        }

        var connection = new NpgsqlConnection(PostgresAddress + ";Pooling=false");
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = RawDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="sql"/> on the store's database directly, outside the store; the rows it changed.</summary>
    public int Execute(string sql)
    {
        using var connection = RawDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Every row of every table of the PostgreSQL database as text, as pg_dump would write it (binary
    /// columns in hex): what anyone who can read the database sees.
    /// </summary>
    public string EveryRowAsText()
    {
        Kind.ShouldBe(StoreKind.Postgres, "the rows as text are read from the PostgreSQL store");
        using var connection = RawDatabase();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.ShouldContain("account_secrets");
        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT t::text FROM {table} t";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        return dump.ToString();
    }

    /// <summary>The raw bytes of a file that SQLite may hold open.</summary>
    public static byte[] ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose()
    {
        if (PostgresAddress is not null)
        {
            StoreDatabases.DropAsync(PostgresAddress).GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
