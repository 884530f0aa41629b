using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Composition;
using Flows.Contracts;
using Flows.Plugins.Salesforce.Endpoints;
using Flows.Plugins.Salesforce.Rest;
using Flows.Plugins.Salesforce.Soap;

namespace Flows.Plugins.Salesforce.Validation;

/// <summary>
/// "Save &amp; Validate" for a Salesforce.com dynamic account: the access token is tried on the
/// instance's REST API (the pass/fail decision), then the user and org are read for the summary.
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed class DynamicAccountValidator : IAccountValidator
{
    private const string AccessTokenField = "accessToken";
    private const string InstanceUrlField = "instanceUrl";
    private const string OrganizationQuery = "SELECT Id, Name, IsSandbox, InstanceName FROM Organization";

    private readonly IOutboundHttp _http;
    private readonly IPluginLogger _log;
    private readonly Func<SalesforceEndpointPolicy> _policy;

    [ImportingConstructor]
    public DynamicAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : this(http, log, () => new SalesforceEndpointPolicy(outbound))
    {
    }

    internal DynamicAccountValidator(IOutboundHttp http, IPluginLogger log, Func<SalesforceEndpointPolicy> policy)
    {
        _http = http;
        _log = log;
        _policy = policy;
    }

    public string AccountTypeId => DynamicAccountDefinition.AccountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.GetString(AccessTokenField)?.Trim() ?? string.Empty;
        return await ValidateCoreAsync(request, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccountValidationResult> ValidateCoreAsync(AccountValidationRequest request, string token, CancellationToken cancellationToken)
    {
        if (token.Length == 0)
        {
            return AccountValidationResult.Invalid("An access token is needed.", new AccountFieldError(AccessTokenField, "Required."));
        }

        var policy = _policy();
        var decision = policy.Check(request.GetString(InstanceUrlField), SalesforceUrlKind.Instance, "Instance URL");
        if (decision.BaseAddress is not { } baseAddress)
        {
            return AccountValidationResult.Invalid(decision.Problem!, new AccountFieldError(InstanceUrlField, decision.Problem!));
        }

        _log.Information("Checking an access token on {Host} with REST API {ApiVersion}", baseAddress.Host, SalesforceApi.Version);
        using var client = _http.CreateClient();
        var transport = new SalesforceTransport(client, policy, _http.RequestTimeout);
        var resources = await GetAsync(transport, baseAddress, $"services/data/v{SalesforceApi.Version}/", token, cancellationToken).ConfigureAwait(false);
        if (resources.Response is not { } response)
        {
            return TransportMessages.ToResult(resources, InstanceUrlField, "Instance URL");
        }

        if (response.Status != HttpStatusCode.OK || !IsResourceMap(response))
        {
            return Refused(response);
        }

        // The token works. Who it belongs to is worth saying, but not worth failing for.
        var organization = await ReadOrganizationAsync(transport, baseAddress, token, cancellationToken).ConfigureAwait(false);
        var user = await ReadUserAsync(transport, baseAddress, token, cancellationToken).ConfigureAwait(false);
        var instance = baseAddress.GetLeftPart(UriPartial.Authority);
        return AccountValidationResult.Valid(IdentitySummary.Format(
            user?.Name,
            organization?.Name,
            organization?.Id ?? user?.OrganizationId,
            instance,
            organization?.IsSandbox));
    }

    private AccountValidationResult Refused(SalesforceResponse response)
    {
        var code = RestError.CodeOf(response);
        _log.Information("Salesforce refused the access token: HTTP {Status} {ErrorCode}", (int)response.Status, code is null ? "(no code)" : LoginFaults.SafeCode(code));
        return (code, response.Status) switch
        {
            ("INVALID_SESSION_ID", _) or (null, HttpStatusCode.Unauthorized) => AccountValidationResult.Invalid(
                "The access token is expired or invalid.",
                new AccountFieldError(AccessTokenField, "Salesforce does not accept this access token (it may have expired or been revoked). Get a new one from your Salesforce app.")),
            ("API_DISABLED_FOR_ORG", _) => AccountValidationResult.Invalid(
                "The REST API is not enabled for this Salesforce org. Ask your Salesforce admin to enable API access."),
            ("REQUEST_LIMIT_EXCEEDED", _) => AccountValidationResult.Unavailable(
                "Salesforce is limiting API requests for this org right now (rate limit). This says nothing about the token; try again later."),
            ("INSUFFICIENT_ACCESS", _) or ("INSUFFICIENT_ACCESS_OR_READONLY", _) => AccountValidationResult.Invalid(
                "The access token is valid, but its user may not use the API.",
                new AccountFieldError(AccessTokenField, "Use a token of a user with the \"API Enabled\" permission.")),
            ("NOT_FOUND", _) or (null, HttpStatusCode.NotFound) => AccountValidationResult.Invalid(
                $"This address does not serve the Salesforce API {SalesforceApi.Version}.",
                new AccountFieldError(InstanceUrlField, "Use the instance URL that came with the access token, e.g. https://yourdomain.my.salesforce.com.")),
            ({ } other, _) => AccountValidationResult.Invalid($"Salesforce refused the access token with the error code {LoginFaults.SafeCode(other)}."),
            _ => TransportMessages.Unexpected(response),
        };
    }

    private static bool IsResourceMap(SalesforceResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<TransportOutcome> GetAsync(SalesforceTransport transport, Uri baseAddress, string path, string token, CancellationToken cancellationToken) =>
        await transport.SendAsync(
            new Uri(baseAddress, path),
            SalesforceUrlKind.Instance,
            url =>
            {
                var request = SalesforceTransport.Request(HttpMethod.Get, url, "application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            },
            cancellationToken).ConfigureAwait(false);

    private static async Task<OrganizationInfo?> ReadOrganizationAsync(SalesforceTransport transport, Uri baseAddress, string token, CancellationToken cancellationToken)
    {
        var path = $"services/data/v{SalesforceApi.Version}/query?q={Uri.EscapeDataString(OrganizationQuery)}";
        var json = await GetJsonAsync(transport, baseAddress, path, token, cancellationToken).ConfigureAwait(false);
        if (json is not { } root || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array || records.GetArrayLength() == 0)
        {
            return null;
        }

        var record = records[0];
        return new OrganizationInfo(
            Text(record, "Id"),
            Text(record, "Name"),
            record.TryGetProperty("IsSandbox", out var sandbox) && sandbox.ValueKind is JsonValueKind.True or JsonValueKind.False ? sandbox.GetBoolean() : null);
    }

    private static async Task<UserInfo?> ReadUserAsync(SalesforceTransport transport, Uri baseAddress, string token, CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync(transport, baseAddress, "services/oauth2/userinfo", token, cancellationToken).ConfigureAwait(false);
        return json is { } root ? new UserInfo(Text(root, "preferred_username") ?? Text(root, "email"), Text(root, "organization_id")) : null;
    }

    private static async Task<JsonElement?> GetJsonAsync(SalesforceTransport transport, Uri baseAddress, string path, string token, CancellationToken cancellationToken)
    {
        var outcome = await GetAsync(transport, baseAddress, path, token, cancellationToken).ConfigureAwait(false);
        if (outcome.Response is not { Status: HttpStatusCode.OK } response)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record OrganizationInfo(string? Id, string? Name, bool? IsSandbox);

    private sealed record UserInfo(string? Name, string? OrganizationId);
}
