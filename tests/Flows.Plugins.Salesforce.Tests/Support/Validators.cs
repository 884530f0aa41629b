using System.Text.Json;
using Flows.Plugins.Salesforce.Endpoints;
using Flows.Plugins.Salesforce.Validation;

namespace Flows.Plugins.Salesforce.Tests.Support;

/// <summary>
/// The validators wired as the host wires them (the host's real outbound HTTP and address policy
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
        OAuth = new Dictionary<string, IAccountValidator>
        {
            ["salesforce.oauth"] = _host.Masked(new AuthorizationCodeAccountValidator(_host.Http, _host.PluginLog, _host.Http.Policy), "/consumerSecret"),
            ["salesforce.jwt"] = _host.Masked(new JwtBearerAccountValidator(_host.Http, _host.PluginLog, _host.Http.Policy), "/privateKey"),
            ["salesforce.client-credentials"] = _host.Masked(new ClientCredentialsAccountValidator(_host.Http, _host.PluginLog, _host.Http.Policy), "/consumerSecret"),
        };
    }

    /// <summary>The ids of the account types the host signs in with OAuth.</summary>
    public static TheoryData<string> OAuthTypes => new() { "salesforce.oauth", "salesforce.jwt", "salesforce.client-credentials" };

    public const string PluginId = "flows.salesforce";

    public SalesforceStandIn StandIn { get; }

    public RecordingPluginLogger Log => _host.Log;

    public IAccountValidator Standard { get; }

    public IAccountValidator Dynamic { get; }

    /// <summary>The validators of the OAuth account types, by account-type id.</summary>
    public IReadOnlyDictionary<string, IAccountValidator> OAuth { get; }

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

    /// <summary>
    /// Checks an account of <paramref name="accountTypeId"/> as the host does once it has signed in: with
    /// <paramref name="accessToken"/> and Salesforce's token answer naming <paramref name="instanceUrl"/>
    /// (the stand-in by default) and <paramref name="scope"/>.
    /// </summary>
    public Task<AccountValidationResult> SignedInAsync(string accountTypeId, string accessToken, string? instanceUrl = null, string scope = "api refresh_token id", bool sandbox = false) =>
        OAuth[accountTypeId].ValidateAsync(SignedInRequest(accountTypeId, accessToken, instanceUrl ?? BaseUrl, scope, sandbox), CancellationToken.None);

    /// <summary>The request the host sends for a signed-in account; the instance URL and scope are left out when null.</summary>
    public static AccountValidationRequest SignedInRequest(string accountTypeId, string accessToken, string? instanceUrl, string? scope, bool sandbox = false)
    {
        var properties = new Dictionary<string, string> { ["id"] = "https://login.salesforce.com/id/00D5g000000ACMEAAA/0055g000000ALICEAA", ["issued_at"] = "1796544000000" };
        if (instanceUrl is not null)
        {
            properties["instance_url"] = instanceUrl;
        }

        if (scope is not null)
        {
            properties["scope"] = scope;
        }

        return new AccountValidationRequest(accountTypeId, JsonSerializer.SerializeToElement(new { consumerKey = "3MVG9-consumer-key", sandbox }))
        {
            Authorization = new AccountAuthorization(accessToken, "Bearer", DateTimeOffset.UtcNow.AddHours(2), properties),
        };
    }

    public void Dispose() => _host.Dispose();
}
