using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Benchmarks;

/// <summary>
/// <c>seed-accounts --home DIR --count N [--concurrency C]</c>: fills the account store of a data
/// directory with N Salesforce.com accounts of the bundled plugin, through the store in process (as
/// <c>flows serve</c> builds it: the data directory's key file, WAL, <c>synchronous=FULL</c>), for
/// bench/accounts-pages.sh. Labels are <c>Account 00001</c>… with every hundredth <c>Billing 00100</c>…,
/// so a filter has a known number of matches (N / 100). Prints one line:
/// <c>seed-accounts count=… seconds=…</c>. Exit codes: 0 seeded, 1 a save failed, 2 bad arguments.
/// </summary>
internal static class SeedAccounts
{
    public const string Command = "seed-accounts";

    private const string AccountTypeId = "salesforce.standard";

    private const string ValuesJson = """
        {"username":"u@example.com","password":"p","securityToken":"t","loginUrl":"https://login.salesforce.com/","sandbox":false}
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync("usage: seed-accounts --home DIR --count N [--concurrency C]   (N >= 1; C >= 1, default 8)").ConfigureAwait(false);
            return 2;
        }

        var services = new ServiceCollection()
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = options.Home;
                o.BundledPluginsDirectory = Path.GetDirectoryName(BenchPlugins.SalesforceBuild());
            })
            .AddFlowsAccounts()
            .BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var loaded = services.GetRequiredService<AccountForms>().Get(AccountTypeId);
            if (loaded is not { Form: { } form, Type: { } type })
            {
                await Console.Error.WriteLineAsync($"seed-accounts: the account type {AccountTypeId} is not available: {loaded.Problem}").ConfigureAwait(false);
                return 1;
            }

            var model = form.Schema.Model;
            var submission = form.Schema.Submit(FormBinder.Unbind(model, (JsonObject)JsonNode.Parse(ValuesJson)!, includeSecrets: true));
            if (!submission.IsValid)
            {
                await Console.Error.WriteLineAsync("seed-accounts: the values do not fit the form: " + string.Join("; ", submission.Errors.All())).ConfigureAwait(false);
                return 1;
            }

            var store = services.GetRequiredService<AccountStore>();
            var secretPointers = AccountSchemaHash.SecretPointers(model);
            var next = 0;
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
            {
                int number;
                while ((number = Interlocked.Increment(ref next)) <= options.Count)
                {
                    var label = string.Create(CultureInfo.InvariantCulture, $"{(number % 100 == 0 ? "Billing" : "Account")} {number:D5}");
                    await store.SaveAsync(
                        new AccountDraft
                        {
                            AccountTypeId = AccountTypeId,
                            PluginId = type.Plugin.Id,
                            PluginVersion = type.Plugin.Version?.ToString() ?? "0.0.0",
                            SchemaVersion = loaded.SchemaVersion!,
                            Label = label,
                            Values = (JsonObject)submission.Instance.DeepClone(),
                        },
                        secretPointers).ConfigureAwait(false);
                }
            })).ConfigureAwait(false);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"seed-accounts count={options.Count} seconds={Stopwatch.GetElapsedTime(start).TotalSeconds:0.0}"));
            return 0;
        }
    }

    private sealed record Options(string Home, int Count, int Concurrency);

    private static Options? Parse(IReadOnlyList<string> args)
    {
        string? home = null;
        int count = 0, concurrency = 8;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return null;
            }

            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--home" => (home = value).Length > 0,
                "--count" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1,
                "--concurrency" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) && concurrency >= 1,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return home is null || count == 0 ? null : new Options(home, count, concurrency);
    }
}
