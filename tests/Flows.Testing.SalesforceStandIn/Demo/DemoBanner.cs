namespace Flows.Testing.SalesforceStandIn.Demo;

/// <summary>What someone running the stand-in by hand needs: where it is and whom to log in as.</summary>
internal static class DemoBanner
{
    /// <param name="jwtKeyFile">Where the private key of the JWT app's certificate was written, for signing assertions by hand.</param>
    public static void Write(TextWriter output, SalesforceStandIn standIn, string jwtKeyFile)
    {
        var baseUrl = standIn.BaseAddress.ToString().TrimEnd('/');
        output.WriteLine($"Salesforce stand-in listening on {baseUrl}");
        output.WriteLine($"  login URL / instance URL: {baseUrl}");
        output.WriteLine("  allow it for the connector with:");
        output.WriteLine($"    export FLOWS_SALESFORCE_ALLOWED_HOSTS={standIn.HostAndPort}");
        output.WriteLine();

        output.WriteLine("Users (SOAP login: password + token):");
        Table(output, ["username", "password", "token", "what it does"],
            standIn.Scenario.Users.Select(u => new[]
            {
                u.Username,
                u.Behaviour != LoginBehaviour.None || u.FaultCode is not null ? "(any)" : u.Password,
                u.SecurityToken.Length == 0 ? "-" : u.SecurityToken,
                u.Description,
            }));
        output.WriteLine();

        output.WriteLine("Access tokens (REST, Authorization: Bearer <token>; login() session ids work too):");
        Table(output, ["token", "what it does"], standIn.Scenario.Tokens.Select(t => new[] { t.Value, t.Description }));
        output.WriteLine();

        var myDomain = standIn.MyDomainAddress.ToString().TrimEnd('/');
        output.WriteLine($"OAuth: {baseUrl}/services/oauth2/{{authorize,token,revoke}} as login.salesforce.com; {myDomain} as My Domain");
        output.WriteLine("  (client credentials only there). The authorize page takes the users' passwords above.");
        output.WriteLine($"  JWT app private key: {jwtKeyFile}");
        Table(output, ["consumer key", "consumer secret", "what it does"],
            standIn.Scenario.ConnectedApps.Select(a => new[] { a.ConsumerKey, a.ConsumerSecret ?? "-", a.Description }));
        output.WriteLine();
        output.WriteLine("Press Ctrl+C to stop.");
    }

    private static void Table(TextWriter output, string[] headings, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(headings).ToList();
        var widths = headings.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }
    }
}
