using Flows.Plugins.Salesforce.Validation;

namespace Flows.Plugins.Salesforce.Tests.Validation;

/// <summary>
/// The OAuth account types' validators, given what the host hands over once it has signed in: a scripted
/// access token of the stand-in stands for the token the host obtained, and the stand-in's address for the
/// token answer's instance_url.
/// </summary>
[Collection(StandInTests.Name)]
public sealed class OAuthAccountTests(StandInFixture fixture) : IDisposable
{
    private readonly Validators _validators = new(fixture.StandIn);

    public void Dispose() => _validators.Dispose();

    private string Instance => fixture.StandIn.BaseAddress.GetLeftPart(UriPartial.Authority);

    public static TheoryData<string> OAuthTypes => Validators.OAuthTypes;

    [Theory]
    [MemberData(nameof(OAuthTypes))]
    public async Task Validate_FreshTokenOnTheInstanceSalesforceNamed_IsValidWithUserOrgAndInstance(string accountTypeId)
    {
        var result = await _validators.SignedInAsync(accountTypeId, StandInAccounts.AliceAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldBe($"{StandInAccounts.AliceUsername} on {StandInAccounts.AcmeOrgName} ({StandInAccounts.AcmeOrgId}), {Instance}, production");
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_SandboxOrgWithTheSandboxBoxUnchecked_IsValidWithAWarning()
    {
        var result = await _validators.SignedInAsync("salesforce.oauth", StandInAccounts.SamAccessToken, sandbox: false);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldBe($"{StandInAccounts.SamUsername} on {StandInAccounts.AcmeSandboxOrgName} ({StandInAccounts.AcmeSandboxOrgId}), {Instance}, sandbox");
        result.Warnings.ShouldHaveSingleItem().ShouldContain("the Sandbox box is not checked");
    }

    [Fact]
    public async Task Validate_ClientCredentialsOnASandbox_HasNoSandboxBoxToWarnAbout()
    {
        var result = await _validators.SignedInAsync("salesforce.client-credentials", StandInAccounts.SamAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(OAuthTypes))]
    public async Task Validate_ExpiredOrRevokedToken_IsInvalidAndSaysSignInAgain(string accountTypeId)
    {
        var result = await _validators.SignedInAsync(accountTypeId, StandInAccounts.ExpiredAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("Salesforce no longer accepts this sign-in (it expired or was revoked). Sign in again.");
        result.FieldErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_RefusedTokenWithoutTheApiScope_NamesTheScopeTheAppLacks()
    {
        var result = await _validators.SignedInAsync("salesforce.oauth", StandInAccounts.ExpiredAccessToken, scope: "refresh_token id");

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldContain("add the scope \"Manage user data via APIs (api)\" to the app's OAuth scopes, then sign in again.");
    }

    [Theory]
    [InlineData("https://evil.example", "must be a Salesforce address such as https://yourdomain.my.salesforce.com; 'evil.example' is not one.")]
    [InlineData("https://login.salesforce.com.evil.example", "'login.salesforce.com.evil.example' is not one.")]
    [InlineData("https://login.salesforce.com", "is a login address, not the address your org runs at.")]
    [InlineData("https://acme.lightning.force.com", "Use https://acme.my.salesforce.com instead")]
    [InlineData("http://acme.my.salesforce.com", "must start with https://.")]
    [InlineData("https://169.254.169.254", "not an IP address")]
    public async Task Validate_InstanceUrlTheEndpointPolicyRefuses_IsInvalidBeforeTheTokenIsSent(string instanceUrl, string problem)
    {
        var result = await _validators.SignedInAsync("salesforce.oauth", StandInAccounts.AliceAccessToken, instanceUrl);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldStartWith("The instance URL in Salesforce's answer ");
        result.Message.ShouldContain(problem);
        result.FieldErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_TokenAnswerWithoutAnInstanceUrl_IsInvalidAndSaysSignInAgain()
    {
        var result = await _validators.OAuth["salesforce.jwt"].ValidateAsync(
            Validators.SignedInRequest("salesforce.jwt", StandInAccounts.AliceAccessToken, instanceUrl: null, scope: null),
            CancellationToken.None);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("Salesforce's answer did not name the org's instance URL. Sign in again.");
    }

    [Theory]
    [MemberData(nameof(OAuthTypes))]
    public async Task Validate_WithoutAuthorization_IsUnavailableAndSaysSignInFirst(string accountTypeId)
    {
        var request = new AccountValidationRequest(accountTypeId, System.Text.Json.JsonSerializer.SerializeToElement(new { consumerKey = "3MVG9-consumer-key" }));

        var result = await _validators.OAuth[accountTypeId].ValidateAsync(request, CancellationToken.None);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Message.ShouldBe("This account is not signed in yet: sign in with Salesforce first, then check it.");
    }

    [Fact]
    public async Task Validate_RateLimitedOrg_IsUnavailableNotInvalid()
    {
        var result = await _validators.SignedInAsync("salesforce.oauth", StandInAccounts.RateLimitedAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
    }

    [Fact]
    public async Task Validate_AnyOutcome_NeverReturnsOrLogsTheAccessToken()
    {
        // The validator on its own, without the host's masking: it must not leak the token itself.
        const string Canary = "00D5g000000ACMEAAA!CANARY.ACCESS.TOKEN";
        await using var standIn = await SalesforceStandIn.StartAsync(StandInScenario.Default with
        {
            Tokens = [.. StandInScenario.Default.Tokens, new StandInToken { Value = Canary, Username = StandInAccounts.AliceUsername, Description = "canary" }],
        });
        using var host = new HostWiring(Validators.PluginId, standIn.HostAndPort, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
        var log = new RecordingPluginLogger();
        var validator = new AuthorizationCodeAccountValidator(host.Http, log, host.Http.Policy);
        var canary = new SecretCanary();
        var instance = standIn.BaseAddress.ToString();

        foreach (var (token, instanceUrl) in new[]
        {
            (Canary, instance), (StandInAccounts.EchoAccessToken, instance), (StandInAccounts.ExpiredAccessToken, instance),
            (StandInAccounts.HtmlAccessToken, instance), (StandInAccounts.DropAccessToken, instance), (Canary, "https://evil.example"),
        })
        {
            await canary.RecordAsync(() => validator.ValidateAsync(Validators.SignedInRequest("salesforce.oauth", token, instanceUrl, "api"), CancellationToken.None));
        }

        canary.Seen.ShouldContain(s => s.Contains(StandInAccounts.AliceUsername, StringComparison.Ordinal), "the canary token was accepted");
        canary.Add(log.Entries);
        canary.ShouldNotContainAny(Canary, StandInAccounts.EchoAccessToken);
    }
}
