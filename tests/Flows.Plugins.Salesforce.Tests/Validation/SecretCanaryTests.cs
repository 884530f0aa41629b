namespace Flows.Plugins.Salesforce.Tests.Validation;

/// <summary>
/// A canary typed into every secret field, across every scenario the stand-in knows (including one
/// that echoes the password back and one that echoes the token), never reaches a result, an
/// exception or a log line.
/// </summary>
public sealed class SecretCanaryTests : IAsyncLifetime
{
    private const string PasswordCanary = "Pw-CANARY-7f3a<&>";
    private const string TokenCanary = "TOKCANARY91bd";
    private const string CanaryUsername = "canary@acme.example";

    private readonly SecretCanary _canary = new();
    private SalesforceStandIn _standIn = null!;
    private Validators _validators = null!;
    private Validators _impatient = null!;

    public async Task InitializeAsync()
    {
        var scenario = StandInScenario.Default with
        {
            Users =
            [
                .. StandInScenario.Default.Users,
                new StandInUser
                {
                    Username = CanaryUsername,
                    Password = PasswordCanary,
                    SecurityToken = TokenCanary,
                    OrgId = StandInAccounts.AcmeOrgId,
                    UserId = "0055g000000CANARY",
                },
            ],
        };
        _standIn = await SalesforceStandIn.StartAsync(scenario);
        _validators = new Validators(_standIn);
        _impatient = new Validators(_standIn, requestTimeout: TimeSpan.FromMilliseconds(500));
    }

    public async Task DisposeAsync()
    {
        _validators.Dispose();
        _impatient.Dispose();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task SecretsTypedIntoTheForm_NeverAppearInResultsExceptionsOrLogs()
    {
        var usernames = new[]
        {
            CanaryUsername, StandInAccounts.AliceUsername, StandInAccounts.ExpiredUsername, StandInAccounts.NewbieUsername,
            StandInAccounts.DropUsername, StandInAccounts.HtmlUsername, StandInAccounts.GarbageUsername,
            StandInAccounts.EmptyUsername, StandInAccounts.EchoUsername, StandInAccounts.RedirectUsername,
            StandInAccounts.BareCodeFaultUsername, StandInAccounts.UnknownCodeFaultUsername, "nobody@nowhere.example",
        }.Concat(StandInAccounts.FaultUsernames.Values);

        foreach (var username in usernames)
        {
            await _canary.RecordAsync(() => _validators.LogInAsync(username, PasswordCanary, TokenCanary));
            await _canary.RecordAsync(() => _validators.LogInAsync(username, PasswordCanary));
        }

        foreach (var token in new[]
        {
            TokenCanary, StandInAccounts.EchoAccessToken, StandInAccounts.ExpiredAccessToken, StandInAccounts.XmlErrorAccessToken,
            StandInAccounts.HtmlAccessToken, StandInAccounts.DropAccessToken, StandInAccounts.RateLimitedAccessToken,
        })
        {
            await _canary.RecordAsync(() => _validators.CheckTokenAsync(token));
        }

        // Timeouts, with a client that gives up early.
        await _canary.RecordAsync(() => _impatient.LogInAsync(StandInAccounts.SlowUsername, PasswordCanary, TokenCanary));
        await _canary.RecordAsync(() => _impatient.CheckTokenAsync(StandInAccounts.SlowAccessToken));

        await _canary.RecordAsync(() => _validators.LogInAsync(CanaryUsername, PasswordCanary, TokenCanary, loginUrl: $"https://{PasswordCanary}.example/"));
        using (var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await _canary.RecordAsync(() => _validators.LogInAsync(StandInAccounts.SlowUsername, PasswordCanary, TokenCanary, cancellationToken: cancelled.Token));
        }

        _canary.Seen.ShouldContain(s => s.Contains(CanaryUsername, StringComparison.Ordinal), "the canary user did log in");
        _canary.Add(_validators.Log.Entries);
        _canary.Add(_impatient.Log.Entries);
        _canary.ShouldNotContainAny(PasswordCanary, TokenCanary, PasswordCanary + TokenCanary, StandInAccounts.EchoAccessToken);
    }
}
