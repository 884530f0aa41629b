using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Benchmarks;

/// <summary>
/// <c>store-rate --seconds N --concurrency C [--warmup S] [--dir PATH] [--per-commit K]</c>: how many Salesforce
/// accounts per second the account store saves when <c>C</c> callers save at once, measured in process
/// (no HTTP), for bench/web.sh to set the API's create rate against. Two phases, each on a fresh
/// database, each after a warm-up that is not counted:
/// <list type="bullet">
/// <item><b>store</b>: <see cref="AccountStore.SaveAsync"/> of an already-validated instance (encryption of
/// the secrets + one durable SQLite commit): the "store's own save rate" of the issue;</item>
/// <item><b>apply</b>: <see cref="AccountService.ApplyAsync"/> with the values the API posts (form submit +
/// schema validation + the same save), i.e. everything <c>POST /api/accounts</c> does but HTTP and JSON.</item>
/// </list>
/// The store is built exactly as the server builds it (<see cref="FlowsHostServiceCollectionExtensions.AddFlowsAccounts"/>
/// over a data directory: key file or <c>$FLOWS_SECRET_KEY</c>, WAL, <c>synchronous=FULL</c>), with the
/// bundled Salesforce plugin; <c>--per-commit K</c> lets at most K waiting saves share a commit (1: each
/// save commits alone; by default the store's own group size). Prints one line on stdout:
/// <c>store-rate saves_per_second=… apply_per_second=… concurrency=… seconds=…</c>.
/// Exit codes: 0 measured, 1 a save failed, 2 bad arguments.
/// </summary>
internal static class StoreRate
{
    public const string Command = "store-rate";

    private const string AccountTypeId = "salesforce.standard";

    // The values bench/web.sh posts to /api/accounts.
    private const string ValuesJson = """
        {"username":"u@example.com","password":"p","securityToken":"t","loginUrl":"https://login.salesforce.com/","sandbox":false}
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync(
                "usage: store-rate --seconds N --concurrency C [--warmup S] [--dir PATH] [--per-commit K]   (N, S > 0 seconds; C, K >= 1; PATH: where the databases go, default a temp folder)").ConfigureAwait(false);
            return 2;
        }

        var root = options.Directory is null
            ? Directory.CreateTempSubdirectory("flows-store-rate-").FullName
            : Directory.CreateDirectory(Path.Combine(options.Directory, $"store-rate-{Guid.NewGuid():N}")).FullName;
        try
        {
            var saves = await MeasureAsync(Path.Combine(root, "store"), options, Phase.Store).ConfigureAwait(false);
            var applies = await MeasureAsync(Path.Combine(root, "apply"), options, Phase.Apply).ConfigureAwait(false);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"store-rate saves_per_second={saves:0.0} apply_per_second={applies:0.0} concurrency={options.Concurrency} seconds={options.Seconds:0.###}"));
            return 0;
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync($"store-rate: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            // E.g. "database is locked": a writer waited longer than the store's busy timeout.
            await Console.Error.WriteLineAsync($"store-rate: a save failed: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private enum Phase
    {
        Store,
        Apply,
    }

    private sealed record Options(double Seconds, int Concurrency, double Warmup, string? Directory, int PerCommit);

    private static Options? Parse(IReadOnlyList<string> args)
    {
        double seconds = 10, warmup = 2;
        int concurrency = 1, perCommit = new AccountStoreOptions { DatabasePath = "", KeyDirectory = "" }.MaxWritesPerCommit;
        string? directory = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return null;
            }

            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--warmup" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out warmup) && warmup > 0,
                "--concurrency" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) && concurrency >= 1,
                "--dir" => (directory = value).Length > 0,
                "--per-commit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out perCommit) && perCommit >= 1,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return new Options(seconds, concurrency, warmup, directory, perCommit);
    }

    /// <summary>Saves per second in one phase, on a fresh data directory, after an uncounted warm-up.</summary>
    private static async Task<double> MeasureAsync(string home, Options options, Phase phase)
    {
        var services = new ServiceCollection()
            .AddSingleton(sp =>
            {
                var defaults = AccountStoreOptions.For(sp.GetRequiredService<FlowsHostOptions>());
                return new AccountStoreOptions { DatabasePath = defaults.DatabasePath, KeyDirectory = defaults.KeyDirectory, MaxWritesPerCommit = options.PerCommit };
            })
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = home;
                // The "plugins" folder the Salesforce build was bundled into, as next to flows.dll.
                o.BundledPluginsDirectory = Path.GetDirectoryName(BenchPlugins.SalesforceBuild());
            })
            .AddFlowsAccounts()
            .BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var save = Saver(services, phase);
            await RunAsync(save, options.Concurrency, options.Warmup, "warmup").ConfigureAwait(false);
            var (count, elapsed) = await RunAsync(save, options.Concurrency, options.Seconds, "run").ConfigureAwait(false);
            return count / elapsed.TotalSeconds;
        }
    }

    /// <summary>One save of the phase, given a label unique in the phase.</summary>
    private static Func<string, Task> Saver(IServiceProvider services, Phase phase)
    {
        var forms = services.GetRequiredService<AccountForms>();
        var loaded = forms.Get(AccountTypeId);
        if (loaded.Form is not { } form)
        {
            throw new InvalidOperationException($"The account type {AccountTypeId} is not available: {loaded.Problem}");
        }

        var model = form.Schema.Model;
        var requestValues = (JsonObject)JsonNode.Parse(ValuesJson)!;
        if (phase == Phase.Apply)
        {
            var service = services.GetRequiredService<AccountService>();
            return async label =>
            {
                // As the API: the request's values unbound into a form post, plus the label.
                var values = FormBinder.Unbind(model, requestValues, includeSecrets: true).Add(FormPath.Label, label);
                var result = await service.ApplyAsync(AccountTypeId, values, null, CancellationToken.None).ConfigureAwait(false);
                if (!result.Saved)
                {
                    throw new InvalidOperationException("Apply saved nothing: " + string.Join("; ", result.Errors.All()));
                }
            };
        }

        var submission = form.Schema.Submit(FormBinder.Unbind(model, requestValues, includeSecrets: true));
        if (!submission.IsValid)
        {
            throw new InvalidOperationException("The values do not fit the form: " + string.Join("; ", submission.Errors.All()));
        }

        var instance = submission.Instance;
        var secretPointers = AccountSchemaHash.SecretPointers(model);
        if (secretPointers.Count == 0)
        {
            throw new InvalidOperationException("The Salesforce standard schema has no secret fields; nothing would be encrypted.");
        }

        var store = services.GetRequiredService<AccountStore>();
        var type = loaded.Type!;
        var pluginVersion = type.Plugin.Version?.ToString() ?? "0.0.0";
        return async label =>
        {
            // Each save gets its own instance, as each API request does: no JSON node is shared between threads.
            await store.SaveAsync(
                new AccountDraft
                {
                    AccountTypeId = AccountTypeId,
                    PluginId = type.Plugin.Id,
                    PluginVersion = pluginVersion,
                    SchemaVersion = loaded.SchemaVersion!,
                    Label = label,
                    Values = (JsonObject)instance.DeepClone(),
                },
                secretPointers).ConfigureAwait(false);
        };
    }

    /// <summary>Runs <paramref name="concurrency"/> callers in a loop for <paramref name="seconds"/>; the saves done and the time until the last one finished.</summary>
    private static async Task<(long Count, TimeSpan Elapsed)> RunAsync(Func<string, Task> save, int concurrency, double seconds, string tag)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            long done = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await save(string.Create(CultureInfo.InvariantCulture, $"{tag}-w{worker}-{done}")).ConfigureAwait(false);
                done++;
            }

            return done;
        })).ToList();
        var counts = await Task.WhenAll(workers).ConfigureAwait(false);
        return (counts.Sum(), Stopwatch.GetElapsedTime(start));
    }
}
