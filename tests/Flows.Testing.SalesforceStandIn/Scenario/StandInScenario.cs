namespace Flows.Testing.SalesforceStandIn;

/// <summary>
/// Everything the stand-in knows: orgs, users, scripted tokens and connected apps. Immutable once
/// built; a test derives its own with <c>StandInScenario.Default with { Users = [.. StandInScenario.Default.Users, extra] }</c>.
/// Run-time state (login counters, issued sessions) lives in the server, so one scenario can back many servers.
/// </summary>
public sealed record StandInScenario
{
    /// <summary>The orgs, users, tokens and apps listed in <see cref="StandInAccounts"/>.</summary>
    public static StandInScenario Default { get; } = DefaultScenario.Create();

    public IReadOnlyList<StandInOrg> Orgs { get; init; } = [];

    public IReadOnlyList<StandInUser> Users { get; init; } = [];

    public IReadOnlyList<StandInToken> Tokens { get; init; } = [];

    public IReadOnlyList<StandInConnectedApp> ConnectedApps { get; init; } = [];

    /// <summary>
    /// The host name that stands for the org's My Domain (the client-credentials flow is refused
    /// anywhere else); the stand-in's own address (127.0.0.1) stands for login.salesforce.com.
    /// </summary>
    public string MyDomainHost { get; init; } = "localhost";

    /// <summary>How long an authorization code can be exchanged (Salesforce: 15 minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the slow user and the slow token keep a request waiting.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(5);

    internal StandInUser? FindUser(string? username) =>
        username is null ? null : Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    internal StandInOrg? FindOrg(string orgId) => Orgs.FirstOrDefault(o => string.Equals(o.Id, orgId, StringComparison.Ordinal));

    internal StandInToken? FindToken(string value) => Tokens.FirstOrDefault(t => string.Equals(t.Value, value, StringComparison.Ordinal));

    internal StandInConnectedApp? FindApp(string? consumerKey) =>
        consumerKey is null ? null : ConnectedApps.FirstOrDefault(a => string.Equals(a.ConsumerKey, consumerKey, StringComparison.Ordinal));

    internal StandInOrg OrgOf(StandInUser user) =>
        FindOrg(user.OrgId) ?? throw new InvalidOperationException($"User {user.Username} belongs to unknown org {user.OrgId}.");

    /// <summary>Fails at start-up rather than with a puzzling response mid-test.</summary>
    internal void Validate()
    {
        foreach (var user in Users)
        {
            if (FindOrg(user.OrgId) is null)
            {
                throw new ArgumentException($"Scenario user {user.Username} belongs to org {user.OrgId}, which the scenario does not define.");
            }
        }

        foreach (var token in Tokens)
        {
            if (token.Username is not null && FindUser(token.Username) is null)
            {
                throw new ArgumentException($"Scenario token {token.Value} belongs to user {token.Username}, which the scenario does not define.");
            }
        }

        foreach (var app in ConnectedApps)
        {
            foreach (var username in app.PreAuthorizedUsernames.Append(app.RunAsUsername).OfType<string>())
            {
                if (FindUser(username) is null)
                {
                    throw new ArgumentException($"Scenario app {app.ConsumerKey} names user {username}, which the scenario does not define.");
                }
            }
        }
    }
}
