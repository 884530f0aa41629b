using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Flows.Benchmarks;

/// <summary>
/// <c>raw-sqlite-rate --seconds N --concurrency C [--dir PATH]</c>: the rate of SQLite itself at one
/// commit per row on this machine — C writers, each on its own connection, each inserting one row
/// (an id, a label and a 200-byte blob, about what an account with one secret writes) per
/// <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c>, with the store's settings (WAL, <c>synchronous=FULL</c>, a busy
/// timeout). The ceiling a store that commits every write alone cannot pass. Prints one line:
/// <c>raw-sqlite-rate commits_per_second=… concurrency=… seconds=…</c>.
/// </summary>
internal static class RawSqliteRate
{
    public const string Command = "raw-sqlite-rate";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        double seconds = 10;
        int concurrency = 1;
        string? directory = null;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var ok = args[i] switch
            {
                "--seconds" => double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--concurrency" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) && concurrency >= 1,
                "--dir" => (directory = args[i + 1]).Length > 0,
                _ => false,
            };
            if (!ok || args.Count % 2 != 0)
            {
                await Console.Error.WriteLineAsync("usage: raw-sqlite-rate --seconds N --concurrency C [--dir PATH]").ConfigureAwait(false);
                return 2;
            }
        }

        var root = directory is null
            ? Directory.CreateTempSubdirectory("flows-raw-sqlite-").FullName
            : Directory.CreateDirectory(Path.Combine(directory, $"raw-sqlite-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(root, "raw.db");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
            using (var setup = Open(connectionString))
            {
                Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE rows (id TEXT PRIMARY KEY, label TEXT NOT NULL, data BLOB NOT NULL) STRICT;");
            }

            var start = Stopwatch.GetTimestamp();
            var deadline = start + (long)(seconds * Stopwatch.Frequency);
            var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(() =>
            {
                using var connection = Open(connectionString);
                var data = RandomNumberGenerator.GetBytes(200);
                long done = 0;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO rows (id, label, data) VALUES ($id, $label, $data)";
                    insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
                    insert.Parameters.AddWithValue("$label", string.Create(CultureInfo.InvariantCulture, $"w{worker}-{done}"));
                    insert.Parameters.AddWithValue("$data", data);
                    insert.ExecuteNonQuery();
                    transaction.Commit();
                    done++;
                }

                return done;
            }))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"raw-sqlite-rate commits_per_second={counts.Sum() / elapsed.TotalSeconds:0.0} concurrency={concurrency} seconds={seconds:0.###}"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
