using System.Composition;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.OAuthPlugin;

/// <summary>
/// Checks an account the host signed in: <c>GET {serverUrl}/api/me</c> with the access token the host
/// handed over, through the host's outbound HTTP. Valid with the answer's email (or subject), Invalid
/// when the provider refuses the token, Unavailable when the account is not signed in or the provider
/// does not answer as expected. The token is never logged nor returned; whether a refresh token and a
/// client secret came with it is logged.
/// </summary>
public abstract class OAuthAccountValidator : IAccountValidator
{
    private readonly IOutboundHttp _http;
    private readonly IPluginLogger _log;

    private protected OAuthAccountValidator(IOutboundHttp http, IPluginLogger log, string accountTypeId)
    {
        _http = http;
        _log = log;
        AccountTypeId = accountTypeId;
    }

    public string AccountTypeId { get; }

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Authorization is not { } authorization)
        {
            return AccountValidationResult.Unavailable("This account is not signed in yet: sign in first, then check it.");
        }

        if (!Uri.TryCreate(request.GetString("serverUrl"), UriKind.Absolute, out var server))
        {
            return AccountValidationResult.Invalid("The server URL is not a URL.", new AccountFieldError("serverUrl", "Enter an address such as https://auth.example.com."));
        }

        // Whether, never what: tests check the host hands over only what the type declares it needs.
        _log.Information("Handed a refresh token: {HasRefreshToken}; a client secret: {HasClientSecret}", authorization.RefreshToken is not null, authorization.ClientSecret is not null);
        var me = new Uri(new Uri(server.GetLeftPart(UriPartial.Authority)), "api/me");
        _log.Information("Reading who signed in from {Host}", me.Authority);
        using var client = _http.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Get, me);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authorization.AccessToken);
        try
        {
            using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => AccountValidationResult.Valid(await WhoAsync(response, cancellationToken).ConfigureAwait(false)),
                HttpStatusCode.Unauthorized => AccountValidationResult.Invalid("The provider no longer accepts this sign-in. Sign in again."),
                var status => AccountValidationResult.Unavailable($"The provider answered HTTP {(int)status}. Try again later."),
            };
        }
        catch (HttpRequestException exception)
        {
            _log.Warning("The provider at {Host} did not answer: {Error}", me.Authority, exception.HttpRequestError);
            return AccountValidationResult.Unavailable($"The provider at {me.Authority} did not answer. Try again later.");
        }
    }

    private static async Task<string> WhoAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            foreach (var claim in new[] { "email", "sub" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(claim, out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Who it is is worth saying, not worth failing for.
        }

        return "Signed in";
    }
}

/// <summary>Checks a <see cref="CodeAccountDefinition"/> account.</summary>
[Export(typeof(IAccountValidator))]
public sealed class CodeAccountValidator : OAuthAccountValidator
{
    [ImportingConstructor]
    public CodeAccountValidator(IOutboundHttp http, IPluginLogger log)
        : base(http, log, CodeAccountDefinition.AccountTypeId)
    {
    }
}

/// <summary>Checks a <see cref="ServiceAccountDefinition"/> account.</summary>
[Export(typeof(IAccountValidator))]
public sealed class ServiceAccountValidator : OAuthAccountValidator
{
    [ImportingConstructor]
    public ServiceAccountValidator(IOutboundHttp http, IPluginLogger log)
        : base(http, log, ServiceAccountDefinition.AccountTypeId)
    {
    }
}
