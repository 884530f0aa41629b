namespace Flows.Testing.SalesforceStandIn;

/// <summary>A Salesforce organisation hosted by the stand-in.</summary>
public sealed record StandInOrg
{
    /// <summary>18-character organisation id (starts with 00D).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Reported as <c>sandbox</c> by login() and <c>IsSandbox</c> by the Organization query.</summary>
    public bool IsSandbox { get; init; }

    /// <summary>The pod the org lives on, as the Organization query reports it.</summary>
    public string InstanceName { get; init; } = "NA224";

    /// <summary>
    /// Orgs created in Winter '26 or later have SOAP login() disabled by default: every login for
    /// their users faults with INVALID_OPERATION, whatever the password.
    /// </summary>
    public bool SoapLoginEnabled { get; init; } = true;

    /// <summary>
    /// Some editions have no API access: REST answers 403 API_DISABLED_FOR_ORG and a correct
    /// login() faults with API_DISABLED_FOR_ORG.
    /// </summary>
    public bool ApiEnabled { get; init; } = true;

    /// <summary>An inactive org (expired trial, cancelled): the OAuth token endpoint answers inactive_org.</summary>
    public bool Active { get; init; } = true;
}
