using System.Composition;
using System.Net.Http.Headers;
using Flows.Contracts;
using Flows.Plugins.Salesforce.Endpoints;
using Flows.Plugins.Salesforce.Soap;

namespace Flows.Plugins.Salesforce.Validation;

/// <summary>
/// "Save &amp; Validate" for a Salesforce.com account: SOAP <c>login()</c> with the username, the
/// password and the security token, against the Login URL (or test.salesforce.com for a sandbox
/// left on the production default).
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed class StandardAccountValidator : IAccountValidator
{
    private const string UsernameField = "username";
    private const string PasswordField = "password";
    private const string SecurityTokenField = "securityToken";
    private const string LoginUrlField = "loginUrl";
    private const string SandboxField = "sandbox";
    private const string DefaultLoginUrl = "https://login.salesforce.com/";

    private readonly IOutboundHttp _http;
    private readonly IPluginLogger _log;
    private readonly Func<SalesforceEndpointPolicy> _policy;

    [ImportingConstructor]
    public StandardAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : this(http, log, () => new SalesforceEndpointPolicy(outbound))
    {
    }

    internal StandardAccountValidator(IOutboundHttp http, IPluginLogger log, Func<SalesforceEndpointPolicy> policy)
    {
        _http = http;
        _log = log;
        _policy = policy;
    }

    public string AccountTypeId => StandardAccountDefinition.AccountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var password = request.GetString(PasswordField) ?? string.Empty;
        var token = request.GetString(SecurityTokenField) ?? string.Empty;
        return await ValidateCoreAsync(request, password, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccountValidationResult> ValidateCoreAsync(
        AccountValidationRequest request,
        string password,
        string token,
        CancellationToken cancellationToken)
    {
        var username = request.GetString(UsernameField)?.Trim() ?? string.Empty;
        var sandbox = request.GetBoolean(SandboxField);
        if (username.Length == 0 || password.Length == 0)
        {
            return AccountValidationResult.Invalid(
                "A username and a password are needed to log in.",
                [.. MissingFields((UsernameField, username), (PasswordField, password))]);
        }

        var policy = _policy();
        var decision = policy.Check(request.GetString(LoginUrlField) ?? DefaultLoginUrl, SalesforceUrlKind.Login, "Login URL");
        if (decision.BaseAddress is not { } baseAddress)
        {
            return AccountValidationResult.Invalid(decision.Problem!, new AccountFieldError(LoginUrlField, decision.Problem!));
        }

        var url = new Uri(LoginBase(baseAddress, sandbox), SoapLogin.Path);
        _log.Information("Logging in to {Host} as {Username} with SOAP login() {ApiVersion}", url.Host, username, SalesforceApi.Version);

        using var client = _http.CreateClient();
        var transport = new SalesforceTransport(client, policy, _http.RequestTimeout);
        var body = SoapLogin.RequestBody(username, password, token);
        var outcome = await transport.SendAsync(url, SalesforceUrlKind.Login, target => LoginRequest(target, body), cancellationToken).ConfigureAwait(false);
        if (outcome.Response is not { } response)
        {
            _log.Warning("Login to {Host} failed before Salesforce answered: {Failure}", url.Host, outcome.Failure);
            return TransportMessages.ToResult(outcome, LoginUrlField, "Login URL");
        }

        var answer = SoapLogin.Parse(response.Body);
        if (answer.Fault is { } fault)
        {
            _log.Information("Salesforce refused the login for {Username} with {FaultCode}", username, LoginFaults.SafeCode(fault.Code));
            return LoginFaults.ToResult(fault, tokenGiven: token.Length > 0);
        }

        if (answer.Result is not { } result)
        {
            _log.Warning("Unexpected answer from {Host}: HTTP {Status} {MediaType}", url.Host, (int)response.Status, response.MediaType);
            return TransportMessages.Unexpected(response);
        }

        if (result.PasswordExpired)
        {
            return AccountValidationResult.Invalid(
                "The password has expired.",
                new AccountFieldError(PasswordField, "This password has expired. Log in to Salesforce in a browser to set a new one (which also sends a new security token), then enter both here."));
        }

        var summary = IdentitySummary.Format(
            result.UserName ?? username,
            result.OrganizationName,
            result.OrganizationId,
            IdentitySummary.InstanceOf(result.ServerUrl),
            result.Sandbox);
        return result.Sandbox == sandbox
            ? AccountValidationResult.Valid(summary)
            : AccountValidationResult.Valid(summary, IdentitySummary.SandboxMismatch(sandbox));
    }

    /// <summary>
    /// Where to log in: a sandbox left on the production login host goes through the sandbox host;
    /// any other address, My Domain above all, is used as given (My Domain orgs may refuse the generic hosts).
    /// </summary>
    internal static Uri LoginBase(Uri baseAddress, bool sandbox) =>
        sandbox && baseAddress.Host == SalesforceApi.ProductionLoginHost
            ? new UriBuilder(baseAddress) { Host = SalesforceApi.SandboxLoginHost }.Uri
            : baseAddress;

    private static HttpRequestMessage LoginRequest(Uri url, byte[] body)
    {
        var request = SalesforceTransport.Request(HttpMethod.Post, url, "text/xml");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "UTF-8" };
        request.Headers.Add("SOAPAction", "login");
        return request;
    }

    private static IEnumerable<AccountFieldError> MissingFields(params (string Field, string Value)[] fields) =>
        fields.Where(f => f.Value.Length == 0).Select(f => new AccountFieldError(f.Field, "Required to log in."));
}
