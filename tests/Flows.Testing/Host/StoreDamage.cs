using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flows.Testing;

/// <summary>
/// A data directory with good-fixture accounts in it, and the ways it goes wrong, done for real to
/// the files: a page of garbage, a truncated database, a key file that holds no key.
/// </summary>
public static class StoreDamage
{
    public const string AccountTypeId = "fixture-good.basic";

    /// <summary>Saves <paramref name="count"/> accounts labelled "Account 1"… (secret apiKey "secret-apikey-i") and closes every connection.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(string home, int count, string? key = null)
    {
        var store = Open(home, key);
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var account = await store.SaveAsync(Draft($"Account {i}", $"host{i}.example.com", SecretOf(i)), ["/apiKey"]);
            ids.Add(account.Id);
        }

        // Closing the last connection moves the WAL into the database file, which is what gets damaged.
        SqliteConnection.ClearAllPools();
        return ids;
    }

    public static string SecretOf(int i) => string.Create(CultureInfo.InvariantCulture, $"secret-apikey-{i}");

    public static AccountStore Open(string home, string? key = null) =>
        new(
            new AccountStoreOptions { DatabasePath = DatabasePath(home), KeyDirectory = Path.Combine(home, "keys"), SecretKey = key },
            TimeProvider.System,
            NullLogger<AccountStore>.Instance);

    public static AccountDraft Draft(string label, string host, string apiKey) => new()
    {
        AccountTypeId = AccountTypeId,
        PluginId = "fixture.good",
        PluginVersion = "1.0.0",
        SchemaVersion = AccountSchemaHash.Compute("{}"),
        Label = label,
        Values = new JsonObject { ["host"] = host, ["apiKey"] = apiKey },
    };

    public static string DatabasePath(string home) => Path.Combine(home, "accounts.db");

    public static string KeyFile(string home) => Path.Combine(home, "keys", "accounts.key");

    /// <summary>Overwrites one page other than the first, chosen by <paramref name="seed"/>, with random bytes; returns its number.</summary>
    public static int CorruptRandomPage(string home, int seed)
    {
        var path = DatabasePath(home);
        const int PageSize = 4096;
        var pages = (int)(new FileInfo(path).Length / PageSize);
        pages.ShouldBeGreaterThan(2, "the store has pages to damage");
        var random = new Random(seed);
        var page = random.Next(2, pages + 1);
        var garbage = new byte[PageSize];
        random.NextBytes(garbage);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Seek((long)(page - 1) * PageSize, SeekOrigin.Begin);
        file.Write(garbage);
        return page;
    }

    /// <summary>Cuts the database file to half its length, as a copy interrupted half way would.</summary>
    public static void Truncate(string home)
    {
        var path = DatabasePath(home);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(file.Length / 2);
    }

    public static void GarbleKeyFile(string home) => File.WriteAllText(KeyFile(home), "this is not a key\n");
}
