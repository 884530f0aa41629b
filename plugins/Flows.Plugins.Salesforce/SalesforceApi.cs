namespace Flows.Plugins.Salesforce;

/// <summary>Facts about the Salesforce API this connector speaks.</summary>
internal static class SalesforceApi
{
    /// <summary>
    /// The pinned API version: SOAP <c>login()</c> does not exist from 65.0 on, and 64.0 is the
    /// last version that has it (scheduled for retirement in Summer '27).
    /// </summary>
    public const string Version = "64.0";

    public const string ProductionLoginHost = "login.salesforce.com";

    public const string SandboxLoginHost = "test.salesforce.com";
}
