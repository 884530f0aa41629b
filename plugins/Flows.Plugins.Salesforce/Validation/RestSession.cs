using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Flows.Contracts;
using Flows.Plugins.Salesforce.Endpoints;
using Flows.Plugins.Salesforce.Rest;
using Flows.Plugins.Salesforce.Soap;

namespace Flows.Plugins.Salesforce.Validation;

/// <summary>
/// Tries an access token on an org's REST API (the pass/fail decision), then reads the user and org
/// for the summary: what every account type that ends with an access token and an instance shares.
/// </summary>
internal sealed class RestSession(IOutboundHttp http, IPluginLogger log, SalesforceEndpointPolicy policy)
{
    private const string OrganizationQuery = "SELECT Id, Name, IsSandbox, InstanceName FROM Organization";

    /// <summary>
    /// Checks <paramref name="token"/> on the instance at <paramref name="baseAddress"/> (already accepted by the
    /// endpoint policy). With <paramref name="sandboxChecked"/>, a Sandbox box that disagrees with the org is a warning.
    /// </summary>
    public async Task<AccountValidationResult> CheckAsync(
        Uri baseAddress,
        string token,
        SessionWords words,
        bool? sandboxChecked,
        CancellationToken cancellationToken)
    {
        log.Information("Checking an access token on {Host} with REST API {ApiVersion}", baseAddress.Host, SalesforceApi.Version);
        using var client = http.CreateClient();
        var transport = new SalesforceTransport(client, policy, http.RequestTimeout);
        var resources = await GetAsync(transport, baseAddress, $"services/data/v{SalesforceApi.Version}/", token, cancellationToken).ConfigureAwait(false);
        if (resources.Response is not { } response)
        {
            return TransportMessages.ToResult(resources, words.InstanceField, words.InstanceTitle);
        }

        if (response.Status != HttpStatusCode.OK || !IsResourceMap(response))
        {
            return Refused(response, words);
        }

        // The token works. Who it belongs to is worth saying, but not worth failing for.
        var organization = await ReadOrganizationAsync(transport, baseAddress, token, cancellationToken).ConfigureAwait(false);
        var user = await ReadUserAsync(transport, baseAddress, token, cancellationToken).ConfigureAwait(false);
        var summary = IdentitySummary.Format(
            user?.Name,
            organization?.Name,
            organization?.Id ?? user?.OrganizationId,
            baseAddress.GetLeftPart(UriPartial.Authority),
            organization?.IsSandbox);
        return sandboxChecked is { } expected && organization?.IsSandbox is { } actual && actual != expected
            ? AccountValidationResult.Valid(summary, IdentitySummary.SandboxMismatch(expected))
            : AccountValidationResult.Valid(summary);
    }

    private AccountValidationResult Refused(SalesforceResponse response, SessionWords words)
    {
        var code = RestError.CodeOf(response);
        log.Information("Salesforce refused the access token: HTTP {Status} {ErrorCode}", (int)response.Status, code is null ? "(no code)" : LoginFaults.SafeCode(code));
        return (code, response.Status) switch
        {
            ("INVALID_SESSION_ID", _) or (null, HttpStatusCode.Unauthorized) => words.TokenRejected,
            ("API_DISABLED_FOR_ORG", _) => AccountValidationResult.Invalid(
                "The REST API is not enabled for this Salesforce org. Ask your Salesforce admin to enable API access."),
            ("REQUEST_LIMIT_EXCEEDED", _) => AccountValidationResult.Unavailable(
                "Salesforce is limiting API requests for this org right now (rate limit). This says nothing about the token; try again later."),
            ("INSUFFICIENT_ACCESS", _) or ("INSUFFICIENT_ACCESS_OR_READONLY", _) => words.UserMayNotUseApi,
            ("NOT_FOUND", _) or (null, HttpStatusCode.NotFound) => words.NoApiAtAddress,
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

/// <summary>
/// What a refused token means, in the words of one account type: the field holding the instance URL (none
/// when the provider gave it) and what to say when the token, its user or the address is refused.
/// </summary>
internal sealed record SessionWords(
    string? InstanceField,
    string InstanceTitle,
    AccountValidationResult TokenRejected,
    AccountValidationResult UserMayNotUseApi,
    AccountValidationResult NoApiAtAddress);
