using System.Composition;
using Flows.Contracts;
using Flows.Plugins.Salesforce.Endpoints;

namespace Flows.Plugins.Salesforce.Validation;

/// <summary>
/// "Save &amp; Validate" for the OAuth account types: the host signed in and hands over a fresh access
/// token with Salesforce's token answer; the answer's instance URL must pass the endpoint policy, then
/// the token is tried on that instance's REST API as for the dynamic account.
/// </summary>
public abstract class OAuthAccountValidator : IAccountValidator
{
    private const string InstanceUrlProperty = "instance_url";
    private const string ScopeProperty = "scope";
    private const string SandboxField = "sandbox";
    private const string InstanceTitle = "The instance URL in Salesforce's answer";

    private readonly IOutboundHttp _http;
    private readonly IPluginLogger _log;
    private readonly IOutboundPolicy _outbound;
    private readonly bool _hasSandboxField;

    /// <param name="hasSandboxField">Whether the account type has a Sandbox box to compare with the org.</param>
    private protected OAuthAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound, string accountTypeId, bool hasSandboxField)
    {
        _http = http;
        _log = log;
        _outbound = outbound;
        AccountTypeId = accountTypeId;
        _hasSandboxField = hasSandboxField;
    }

    public string AccountTypeId { get; }

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Authorization is not { } authorization)
        {
            return AccountValidationResult.Unavailable("This account is not signed in yet: sign in with Salesforce first, then check it.");
        }

        var instanceUrl = authorization.GetProperty(InstanceUrlProperty);
        if (string.IsNullOrWhiteSpace(instanceUrl))
        {
            return AccountValidationResult.Invalid("Salesforce's answer did not name the org's instance URL. Sign in again.");
        }

        var policy = new SalesforceEndpointPolicy(_outbound);
        var decision = policy.Check(instanceUrl, SalesforceUrlKind.Instance, InstanceTitle);
        if (decision.BaseAddress is not { } baseAddress)
        {
            _log.Warning("Refused the instance URL in Salesforce's answer: {Problem}", decision.Problem!);
            return AccountValidationResult.Invalid(decision.Problem!);
        }

        var session = new RestSession(_http, _log, policy);
        var words = Words(authorization.GetProperty(ScopeProperty));
        var sandbox = _hasSandboxField ? request.GetBoolean(SandboxField) : (bool?)null;
        return await session.CheckAsync(baseAddress, authorization.AccessToken, words, sandbox, cancellationToken).ConfigureAwait(false);
    }

    private static SessionWords Words(string? scope) => new(
        InstanceField: null,
        InstanceTitle,
        TokenRejected: AccountValidationResult.Invalid(LacksApiScope(scope)
            ? "Salesforce does not let this sign-in use the API: add the scope \"Manage user data via APIs (api)\" to the app's OAuth scopes, then sign in again."
            : "Salesforce no longer accepts this sign-in (it expired or was revoked). Sign in again."),
        UserMayNotUseApi: AccountValidationResult.Invalid(
            "You are signed in, but this user may not use the Salesforce API: sign in as a user with the \"API Enabled\" permission."),
        NoApiAtAddress: AccountValidationResult.Invalid(
            $"The instance URL in Salesforce's answer does not serve the Salesforce API {SalesforceApi.Version}. Sign in again."));

    // Salesforce names the granted scopes; without "api" (or "full") a token cannot call the REST API.
    private static bool LacksApiScope(string? scope) =>
        scope is not null && !scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => s is "api" or "full");
}

/// <summary>Checks a "Salesforce.com OAuth account" (signed in in the browser).</summary>
[Export(typeof(IAccountValidator))]
public sealed class AuthorizationCodeAccountValidator : OAuthAccountValidator
{
    [ImportingConstructor]
    public AuthorizationCodeAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : base(http, log, outbound, OAuthAccountDefinition.AccountTypeId, hasSandboxField: true)
    {
    }
}

/// <summary>Checks a "Salesforce.com JWT bearer account" (signed in with the private key).</summary>
[Export(typeof(IAccountValidator))]
public sealed class JwtBearerAccountValidator : OAuthAccountValidator
{
    [ImportingConstructor]
    public JwtBearerAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : base(http, log, outbound, JwtBearerAccountDefinition.AccountTypeId, hasSandboxField: true)
    {
    }
}

/// <summary>Checks a "Salesforce.com client credentials account" (signed in with the consumer key and secret).</summary>
[Export(typeof(IAccountValidator))]
public sealed class ClientCredentialsAccountValidator : OAuthAccountValidator
{
    [ImportingConstructor]
    public ClientCredentialsAccountValidator(IOutboundHttp http, IPluginLogger log, IOutboundPolicy outbound)
        : base(http, log, outbound, ClientCredentialsAccountDefinition.AccountTypeId, hasSandboxField: false)
    {
    }
}
