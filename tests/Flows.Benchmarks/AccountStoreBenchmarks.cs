using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Flows.Host.Accounts;
using Flows.Forms;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flows.Benchmarks;

/// <summary>
/// Saving an account as Apply does: submit the Salesforce standard form (bind + schema validation),
/// then store it (AES-GCM encryption of the secrets + one durable SQLite commit, WAL with
/// <c>synchronous=FULL</c>) in a real file in the temp folder. The target is at least 500
/// saves per second (a mean under 2 ms). <see cref="SaveAccountWithoutValidation"/> stores an
/// already-validated instance, to show what the commit alone costs.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class AccountStoreBenchmarks
{
    private string _root = string.Empty;
    private string _schemaVersion = string.Empty;
    private FormSchema? _schema;
    private FormValues? _values;
    private System.Text.Json.Nodes.JsonObject? _instance;
    private IReadOnlyList<string> _secretPointers = [];
    private AccountStore? _store;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        var schemaText = File.ReadAllText(Path.Combine(BenchPlugins.SalesforceBuild(), "schemas", "salesforce.standard.schema.json"));
        var loaded = FormSchema.Load(schemaText);
        _schema = loaded.Schema ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors));
        _schemaVersion = AccountSchemaHash.Compute(schemaText);
        _secretPointers = AccountSchemaHash.SecretPointers(_schema.Model);
        if (_secretPointers.Count == 0)
        {
            throw new InvalidOperationException("The Salesforce standard schema has no secret fields; nothing would be encrypted.");
        }

        _values = new FormValues()
            .Add("username", "alice@acme.example")
            .Add("password", "s3cret-Passw0rd")
            .Add("securityToken", "AbCdEf0123456789")
            .Add("loginUrl", "https://acme.my.salesforce.com/")
            .Add("sandbox", "false")
            .Add("sandbox", "true");
        var submission = _schema.Submit(_values);
        if (!submission.IsValid)
        {
            throw new InvalidOperationException("The form has errors: " + string.Join("; ", submission.Errors.All()));
        }

        _instance = submission.Instance;
        _root = Directory.CreateTempSubdirectory("flows-bench-accounts-").FullName;
        _store = new AccountStore(
            new AccountStoreOptions
            {
                DatabasePath = Path.Combine(_root, "accounts.db"),
                KeyDirectory = Path.Combine(_root, "keys"),
                SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            },
            TimeProvider.System,
            NullLogger<AccountStore>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public async Task<string> SaveAccount()
    {
        var submission = _schema!.Submit(_values!);
        if (!submission.IsValid)
        {
            throw new InvalidOperationException("The form has errors.");
        }

        var saved = await _store!.SaveAsync(Draft("Sales", submission.Instance), AccountSchemaHash.SecretPointers(_schema.Model)).ConfigureAwait(false);
        return saved.Id;
    }

    [Benchmark]
    public async Task<string> SaveAccountWithoutValidation()
    {
        var saved = await _store!.SaveAsync(Draft("Raw", _instance!), _secretPointers).ConfigureAwait(false);
        return saved.Id;
    }

    private AccountDraft Draft(string prefix, System.Text.Json.Nodes.JsonObject values) => new()
    {
        AccountTypeId = "salesforce.standard",
        PluginId = "flows.salesforce",
        PluginVersion = "1.0.0",
        SchemaVersion = _schemaVersion,
        Label = string.Create(CultureInfo.InvariantCulture, $"{prefix} {Interlocked.Increment(ref _counter)}"),
        Values = values,
    };
}
