namespace Flows.Testing.SalesforceStandIn;

/// <summary>The REST API versions the stand-in lists and answers.</summary>
internal static class ApiVersions
{
    /// <summary>GET /services/data/ lists these (oldest first, as Salesforce does); the data and query endpoints answer them.</summary>
    public static IReadOnlyList<(string Version, string Label)> Rest { get; } =
    [
        ("62.0", "Winter '25"),
        ("63.0", "Spring '25"),
        (StandInAccounts.ApiVersion, "Summer '25"),
    ];

    public static bool IsRest(string version) => Rest.Any(v => v.Version == version);
}
