namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>
/// The stand-in has one address but plays two hosts: requests whose Host header names
/// <see cref="StandInScenario.MyDomainHost"/> came to the org's My Domain, all others to login.salesforce.com.
/// </summary>
internal static class MyDomain
{
    public static bool IsMyDomain(HttpContext context, StandInScenario scenario) =>
        string.Equals(context.Request.Host.Host, scenario.MyDomainHost, StringComparison.OrdinalIgnoreCase);
}
