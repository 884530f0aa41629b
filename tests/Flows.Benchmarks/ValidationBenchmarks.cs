using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Flows.Contracts;
using Flows.Host.Plugins;
using Flows.Testing.SalesforceStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Benchmarks;

/// <summary>
/// "Save &amp; Validate" of one Salesforce account, warm: the real plugin activated by the host,
/// its validator calling the stand-in over HTTP on loopback. The target is under 50 ms.
/// <see cref="InWorker"/>: the plugin runs in a worker process, as in <c>flows serve</c>, so each
/// check also crosses the pipe twice.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private string _home = string.Empty;
    private SalesforceStandIn? _standIn;
    private ServiceProvider? _services;
    private IAccountValidator? _standard;
    private IAccountValidator? _dynamic;
    private AccountValidationRequest? _login;
    private AccountValidationRequest? _token;

    [Params(false, true)]
    public bool InWorker { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _standIn = SalesforceStandIn.StartAsync().GetAwaiter().GetResult();

        _home = Directory.CreateTempSubdirectory("flows-bench-").FullName;
        var plugins = Path.Combine(_home, "plugins", "salesforce");
        BenchPlugins.CopyTree(BenchPlugins.SalesforceBuild(), plugins);
        // The operator's allow-list is how a demo or a test points the connector at the stand-in.
        _services = BenchPlugins.Services(_home, isolated: InWorker, o => o.PluginAllowedHosts["flows.salesforce"] = _standIn.HostAndPort);
        var catalog = _services.GetRequiredService<PluginCatalog>();
        _standard = catalog.FindValidatorAsync("salesforce.standard", CancellationToken.None).GetAwaiter().GetResult().Validator;
        _dynamic = catalog.FindValidatorAsync("salesforce.dynamic", CancellationToken.None).GetAwaiter().GetResult().Validator;

        var baseUrl = _standIn.BaseAddress.ToString();
        _login = new AccountValidationRequest("salesforce.standard", JsonSerializer.SerializeToElement(new
        {
            username = StandInAccounts.AliceUsername,
            password = StandInAccounts.AlicePassword,
            securityToken = StandInAccounts.AliceSecurityToken,
            loginUrl = baseUrl,
            sandbox = false,
        }));
        _token = new AccountValidationRequest("salesforce.dynamic", JsonSerializer.SerializeToElement(new
        {
            accessToken = StandInAccounts.AliceAccessToken,
            instanceUrl = baseUrl,
        }));
    }

    [Benchmark]
    public async Task<AccountValidationOutcome> StandardAccountSoapLogin() => (await Validate(_standard!, _login!)).Outcome;

    [Benchmark]
    public async Task<AccountValidationOutcome> DynamicAccountRestCalls() => (await Validate(_dynamic!, _token!)).Outcome;

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        _standIn?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_home, recursive: true);
    }

    private static async Task<AccountValidationResult> Validate(IAccountValidator validator, AccountValidationRequest request)
    {
        var result = await validator.ValidateAsync(request, CancellationToken.None).ConfigureAwait(false);
        return result.Outcome == AccountValidationOutcome.Valid ? result : throw new InvalidOperationException(result.Message);
    }
}
