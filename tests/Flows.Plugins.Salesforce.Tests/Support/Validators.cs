using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Outbound;
using Flows.Host.Secrets;
using Flows.Plugins.Salesforce.Endpoints;
using Flows.Plugins.Salesforce.Validation;
using Flows.Testing.SalesforceStandIn;

namespace Flows.Plugins.Salesforce.Tests.Support;

/// <summary>
/// The two validators wired as the host wires them (the host's real outbound HTTP and address policy
/// for this plugin, its masking of the secret fields in answers and log), with the operator's
/// allow-list naming the stand-in, and a logger that keeps what they write.
/// </summary>
public sealed class Validators : IDisposable
{
    private readonly OutboundHttp _http;

    public Validators(SalesforceStandIn standIn, TimeSpan? requestTimeout = null, string? extraAllowedHosts = null)
    {
        StandIn = standIn;
        var options = new FlowsHostOptions
        {
            OutboundConnectTimeout = TimeSpan.FromSeconds(5),
            OutboundRequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(15),
            OutboundAllowedHosts = null,
        };
        options.PluginAllowedHosts[PluginId] = $"{standIn.HostAndPort},{extraAllowedHosts}";
        _http = new OutboundHttp(options, PluginId);
        var policy = new SalesforceEndpointPolicy(_http.Policy);
        var scrubbing = new PluginSecretScrubbing();
        var log = new ScrubbingPluginLogger(Log, scrubbing, PluginId);
        // The fields the account schemas mark secret (writeOnly).
        Standard = new ScrubbingAccountValidator(new StandardAccountValidator(_http, log, () => policy), PluginId, ["/password", "/securityToken"], scrubbing);
        Dynamic = new ScrubbingAccountValidator(new DynamicAccountValidator(_http, log, () => policy), PluginId, ["/accessToken"], scrubbing);
    }

    public const string PluginId = "flows.salesforce";

    public SalesforceStandIn StandIn { get; }

    public RecordingPluginLogger Log { get; } = new();

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

    public void Dispose() => _http.Dispose();
}
