namespace Flows.Plugins.Salesforce.Tests.Validation;

[Collection(StandInTests.Name)]
public sealed class DynamicAccountTests(StandInFixture fixture) : IDisposable
{
    private readonly Validators _validators = new(fixture.StandIn);

    public void Dispose() => _validators.Dispose();

    private string Instance => fixture.StandIn.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Validate_GoodToken_IsValidWithUserOrgAndInstance()
    {
        var result = await _validators.CheckTokenAsync(StandInAccounts.AliceAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldBe($"{StandInAccounts.AliceUsername} on {StandInAccounts.AcmeOrgName} ({StandInAccounts.AcmeOrgId}), {Instance}, production");
    }

    [Fact]
    public async Task Validate_SandboxToken_SaysSandbox()
    {
        var result = await _validators.CheckTokenAsync(StandInAccounts.SamAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldBe($"{StandInAccounts.SamUsername} on {StandInAccounts.AcmeSandboxOrgName} ({StandInAccounts.AcmeSandboxOrgId}), {Instance}, sandbox");
    }

    [Fact]
    public async Task Validate_WhenUserInfoIsRefused_StillValidWithTheOrgFromTheDataApi()
    {
        var result = await _validators.CheckTokenAsync(StandInAccounts.NoUserInfoAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldBe($"Connected on {StandInAccounts.AcmeOrgName} ({StandInAccounts.AcmeOrgId}), {Instance}, production");
    }

    public static TheoryData<string, AccountValidationOutcome, string, string?> Errors => new()
    {
        { StandInAccounts.ExpiredAccessToken, AccountValidationOutcome.Invalid, "The access token is expired or invalid.", "accessToken" },
        { StandInAccounts.XmlErrorAccessToken, AccountValidationOutcome.Invalid, "The access token is expired or invalid.", "accessToken" },
        { StandInAccounts.EchoAccessToken, AccountValidationOutcome.Invalid, "The access token is expired or invalid.", "accessToken" },
        { "no-such-token", AccountValidationOutcome.Invalid, "The access token is expired or invalid.", "accessToken" },
        { StandInAccounts.RestDisabledAccessToken, AccountValidationOutcome.Invalid, "The REST API is not enabled for this Salesforce org.", null },
        { StandInAccounts.RateLimitedAccessToken, AccountValidationOutcome.Unavailable, "(rate limit). This says nothing about the token; try again later.", null },
        { StandInAccounts.HtmlAccessToken, AccountValidationOutcome.Unavailable, "Salesforce gave an unexpected response (HTTP 503, an HTML page)", null },
        { StandInAccounts.DropAccessToken, AccountValidationOutcome.Unavailable, "closed before Salesforce answered", null },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Validate_TokenError_MapsToItsOutcomeMessageAndField(string token, AccountValidationOutcome outcome, string message, string? field)
    {
        var result = await _validators.CheckTokenAsync(token);

        result.Outcome.ShouldBe(outcome);
        result.Message.ShouldContain(message);
        result.FieldErrors.Select(e => e.Field).SingleOrDefault().ShouldBe(field);
    }

    [Fact]
    public async Task Validate_SlowServer_IsCutAtTheTimeout()
    {
        using var impatient = new Validators(fixture.StandIn, requestTimeout: TimeSpan.FromMilliseconds(500));

        var result = await impatient.CheckTokenAsync(StandInAccounts.SlowAccessToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Message.ShouldStartWith("Salesforce did not answer within 0.5 s.");
    }

    [Theory]
    [InlineData("https://login.salesforce.com/", "Instance URL is a login address")]
    [InlineData("https://acme.lightning.force.com", "Use https://acme.my.salesforce.com instead")]
    [InlineData("https://169.254.169.254/", "not an IP address")]
    [InlineData("not a url", "Instance URL must be a URL such as https://yourdomain.my.salesforce.com.")]
    public async Task Validate_InstanceUrlThePolicyRefuses_BlamesTheInstanceUrl(string instanceUrl, string problem)
    {
        var result = await _validators.CheckTokenAsync(StandInAccounts.AliceAccessToken, instanceUrl);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("instanceUrl");
        result.Message.ShouldContain(problem);
    }

    [Fact]
    public async Task Validate_UnknownInstanceHost_BlamesTheInstanceUrl()
    {
        using var validators = new Validators(fixture.StandIn, extraAllowedHosts: "gone.invalid");

        var result = await validators.CheckTokenAsync(StandInAccounts.AliceAccessToken, "https://gone.invalid");

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("instanceUrl");
    }

    [Fact]
    public async Task Validate_EmptyToken_BlamesTheAccessTokenWithoutAnyRequest()
    {
        var result = await _validators.CheckTokenAsync("  ");

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("accessToken");
    }
}
