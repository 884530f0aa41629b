using System.Composition;
using Flows.Contracts;
using Flows.Plugins.Salesforce.Endpoints;

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

    private static readonly SessionWords Words = new(
        InstanceUrlField,
        "Instance URL",
        TokenRejected: AccountValidationResult.Invalid(
            "The access token is expired or invalid.",
            new AccountFieldError(AccessTokenField, "Salesforce does not accept this access token (it may have expired or been revoked). Get a new one from your Salesforce app.")),
        UserMayNotUseApi: AccountValidationResult.Invalid(
            "The access token is valid, but its user may not use the API.",
            new AccountFieldError(AccessTokenField, "Use a token of a user with the \"API Enabled\" permission.")),
        NoApiAtAddress: AccountValidationResult.Invalid(
            $"This address does not serve the Salesforce API {SalesforceApi.Version}.",
            new AccountFieldError(InstanceUrlField, "Use the instance URL that came with the access token, e.g. https://yourdomain.my.salesforce.com.")));

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

        var session = new RestSession(_http, _log, policy);
        return await session.CheckAsync(baseAddress, token, Words, sandboxChecked: null, cancellationToken).ConfigureAwait(false);
    }
}
