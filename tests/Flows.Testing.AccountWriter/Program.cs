using System.Globalization;
using System.Text.Json.Nodes;
using Flows.Host.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet Flows.Testing.AccountWriter.dll --db <path> --keys <dir> --key <base64> --writer <name> --count <n>
// Saves accounts labelled "<writer> <i>" and, after each save has returned, prints "ACK <label>"
// and flushes: that line is the acknowledgement the durability tests hold the store to.
// --count 0 loops until killed. Any exception: message on stderr, exit 1.
// With FLOWS_STORE set (a PostgreSQL address, kept off the command line), the accounts go there.
try
{
    var options = Parse(args);
    var store = new AccountStore(
        new AccountStoreOptions
        {
            DatabasePath = options["--db"],
            Store = Environment.GetEnvironmentVariable("FLOWS_STORE") is { Length: > 0 } address ? address : null,
            KeyDirectory = options["--keys"],
            SecretKey = options["--key"],
        },
        TimeProvider.System,
        NullLogger<AccountStore>.Instance);
    var writer = options["--writer"];
    var count = int.Parse(options["--count"], CultureInfo.InvariantCulture);
    var schemaVersion = AccountSchemaHash.Compute("{\"type\":\"object\"}");
    string[] secretPointers = ["/apiKey"];
    using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };

    for (var i = 1; count == 0 || i <= count; i++)
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"{writer} {i}");
        await store.SaveAsync(
            new AccountDraft
            {
                AccountTypeId = "fixture-good.basic",
                PluginId = "fixture.good",
                PluginVersion = "1.0.0",
                SchemaVersion = schemaVersion,
                Label = label,
                Values = new JsonObject
                {
                    ["host"] = string.Create(CultureInfo.InvariantCulture, $"h{i}"),
                    ["apiKey"] = $"secret {label}",
                },
            },
            secretPointers);
        stdout.WriteLine($"ACK {label}");
        stdout.Flush();
    }

    return 0;
}
#pragma warning disable CA1031 // The whole point: report any failure as exit 1.
catch (Exception e)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync(e.ToString());
    return 1;
}

static Dictionary<string, string> Parse(string[] args)
{
    string[] required = ["--db", "--keys", "--key", "--writer", "--count"];
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!required.Contains(args[i], StringComparer.Ordinal) || i + 1 >= args.Length)
        {
            throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: --db <path> --keys <dir> --key <base64> --writer <name> --count <n>");
        }

        options[args[i]] = args[++i];
    }

    foreach (var name in required)
    {
        if (!options.ContainsKey(name))
        {
            throw new ArgumentException($"Missing {name}.");
        }
    }

    return options;
}
