namespace Flows.Plugins.Salesforce.Validation;

/// <summary>"user@x.com on Acme (00D…), https://acme.my.salesforce.com, sandbox": whose account this is.</summary>
internal static class IdentitySummary
{
    public static string Format(string? user, string? orgName, string? orgId, string? instanceUrl, bool? sandbox)
    {
        var who = string.IsNullOrWhiteSpace(user) ? "Connected" : user;
        var org = (orgName, orgId) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $" on {name} ({id})",
            ({ Length: > 0 } name, _) => $" on {name}",
            (_, { Length: > 0 } id) => $" on org {id}",
            _ => string.Empty,
        };
        var where = string.IsNullOrWhiteSpace(instanceUrl) ? string.Empty : $", {instanceUrl}";
        var kind = sandbox switch
        {
            true => ", sandbox",
            false => ", production",
            null => string.Empty,
        };
        return who + org + where + kind;
    }

    /// <summary>The warning for a Sandbox box that disagrees with what the org says it is.</summary>
    public static string SandboxMismatch(bool checkedAsSandbox) => checkedAsSandbox
        ? "The Sandbox box is checked, but this org is a production org. Uncheck it so the account is labelled correctly."
        : "This org is a sandbox, but the Sandbox box is not checked. Check it so the account is labelled correctly.";

    /// <summary>Scheme, host and port of a URL Salesforce returned (e.g. serverUrl), or null.</summary>
    public static string? InstanceOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
