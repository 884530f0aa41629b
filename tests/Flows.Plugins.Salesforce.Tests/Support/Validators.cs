using System.Text.Json;
using Flows.Plugins.Salesforce.Endpoints;
using Flows.Plugins.Salesforce.Validation;

namespace Flows.Plugins.Salesforce.Tests.Support;

/// <summary>
/// The two validators wired as the host wires them (the host's real outbound HTTP and address policy
/// for this plugin, its masking of the secret fields in answers and log), with the operator's
/// allow-list naming the stand-in, and a logger that keeps what they write.
/// </summary>
public sealed class Validators : IDisposable
{
    private readonly HostWiring _host;

    public Validators(SalesforceStandIn standIn, TimeSpan? requestTimeout = null, string? extraAllowedHosts = null)
    {
        StandIn = standIn;
        _host = new HostWiring(PluginId, $"{standIn.HostAndPort},{extraAllowedHosts}", TimeSpan.FromSeconds(5), requestTimeout ?? TimeSpan.FromSeconds(15));
        var policy = new SalesforceEndpointPolicy(_host.Http.Policy);
        // The fields the account schemas mark secret (writeOnly).
        Standard = _host.Masked(new StandardAccountValidator(_host.Http, _host.PluginLog, () => policy), "/password", "/securityToken");
        Dynamic = _host.Masked(new DynamicAccountValidator(_host.Http, _host.PluginLog, () => policy), "/accessToken");
    }

    public const string PluginId = "flows.salesforce";

    public SalesforceStandIn StandIn { get; }

    public RecordingPluginLogger Log => _host.Log;

    public IAccountValidator Standard { get; }

    public IAccountValidator Dynamic { get; }

    public string BaseUrl => StandIn.BaseAddress.ToString();

    public Task<AccountValidationResult> LogInAsync(string username, string password, string token = "", bool sandbox = false, string? loginUrl = null, CancellationToken cancellationToken = default) =>
        Standard.ValidateAsync(
            new AccountValidationRequest("salesforce.standard", JsonSerializer.SerializeToElement(new
            {
                username,
                password,
                securityToken = token,
                loginUrl = loginUrl ?? BaseUrl,
                sandbox,
            })),
            cancellationToken);

    public Task<AccountValidationResult> CheckTokenAsync(string accessToken, string? instanceUrl = null, CancellationToken cancellationToken = default) =>
        Dynamic.ValidateAsync(
            new AccountValidationRequest("salesforce.dynamic", JsonSerializer.SerializeToElement(new { accessToken, instanceUrl = instanceUrl ?? BaseUrl })),
            cancellationToken);

    public void Dispose() => _host.Dispose();
}
