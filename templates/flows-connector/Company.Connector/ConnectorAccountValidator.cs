using System.Composition;
using System.Net;
using System.Net.Http.Headers;
using Flows.Contracts;

namespace Company.Connector;

/// <summary>
/// "Save &amp; Validate" for <see cref="ConnectorAccountDefinition"/> accounts: calls the Server URL
/// with the API key and reads the answer.
/// </summary>
/// <remarks>
/// Change the request and the reading of the answer to what your service expects. Keep calling it
/// through <see cref="IOutboundHttp"/>: the host's timeouts, no automatic redirects, and no
/// connection to this machine or a private network unless the Flows operator allowed it
/// (<c>FLOWS_OUTBOUND_ALLOWED_HOSTS</c>). Return <see cref="AccountValidationResult.Valid"/> with
/// whose account it is, <see cref="AccountValidationResult.Invalid"/> blaming the field to fix, or
/// <see cref="AccountValidationResult.Unavailable"/> when the service cannot answer now. Never put a
/// secret (the API key) into a message or a log entry; the host masks the secret fields in both
/// anyway, as a last line of defence.
/// </remarks>
[Export(typeof(IAccountValidator))]
[method: ImportingConstructor]
public sealed class ConnectorAccountValidator(IOutboundHttp http, IPluginLogger log) : IAccountValidator
{
    public string AccountTypeId => ConnectorAccountDefinition.AccountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var apiKey = request.GetString("apiKey") ?? string.Empty;
        if (!Uri.TryCreate(request.GetString("serverUrl"), UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            return AccountValidationResult.Invalid(
                "The Server URL must be an https:// address.",
                new AccountFieldError("serverUrl", "Enter an address such as https://api.example.com/."));
        }

        log.Information("Checking a {AccountTypeId} account at {Host}", AccountTypeId, server.Host);
        using var client = http.CreateClient();
        using var call = new HttpRequestMessage(HttpMethod.Get, server);
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var response = await client.SendAsync(call, cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => AccountValidationResult.Valid($"API key accepted by {server.Host}"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => AccountValidationResult.Invalid(
                    "The service did not accept the API key.",
                    new AccountFieldError("apiKey", "Check the API key, or create a new one.")),
                _ => AccountValidationResult.Unavailable($"{server.Host} answered HTTP {(int)response.StatusCode}. Try again later."),
            };
        }
        catch (HttpRequestException exception)
        {
            // The host's refusal (an internal address the operator did not allow) says so here.
            log.Warning("Could not reach {Host}: {Problem}", server.Host, exception.Message);
            return AccountValidationResult.Unavailable($"Could not reach {server.Host}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AccountValidationResult.Unavailable($"{server.Host} did not answer in time ({http.RequestTimeout.TotalSeconds:0} s). Try again later.");
        }
    }
}
