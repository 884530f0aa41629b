namespace Flows.Plugins.Salesforce.Tests.Validation;

[Collection(StandInTests.Name)]
public sealed class StandardAccountTests(StandInFixture fixture) : IDisposable
{
    private readonly Validators _validators = new(fixture.StandIn);

    public void Dispose() => _validators.Dispose();

    [Fact]
    public async Task Validate_CorrectCredentials_IsValidWithWhoseAccountItIs()
    {
        var result = await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, StandInAccounts.AliceSecurityToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldBe(
            $"{StandInAccounts.AliceUsername} on {StandInAccounts.AcmeOrgName} ({StandInAccounts.AcmeOrgId}), {fixture.StandIn.BaseAddress.GetLeftPart(UriPartial.Authority)}, production");
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_SendsPasswordAndTokenJoinedAndXmlEscapedAsAWhole()
    {
        await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, StandInAccounts.AliceSecurityToken);

        fixture.StandIn.ReceivedBodies.ShouldContain(b => b.Contains("<urn:password>Wonder&lt;land&gt;&amp;1ALICETOKEN42</urn:password>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_SandboxOrgWithSandboxChecked_IsValidWithoutWarning()
    {
        var result = await _validators.LogInAsync(StandInAccounts.SamUsername, StandInAccounts.SamPassword, sandbox: true);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldNotBeNull().ShouldEndWith(", sandbox");
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_SandboxOrgWithSandboxUnchecked_WarnsAboutTheMismatch()
    {
        var result = await _validators.LogInAsync(StandInAccounts.SamUsername, StandInAccounts.SamPassword, sandbox: false);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid);
        result.Warnings.ShouldHaveSingleItem().ShouldStartWith("This org is a sandbox, but the Sandbox box is not checked.");
    }

    [Fact]
    public async Task Validate_ProductionOrgWithSandboxChecked_WarnsAboutTheMismatch()
    {
        var result = await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, StandInAccounts.AliceSecurityToken, sandbox: true);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid);
        result.Warnings.ShouldHaveSingleItem().ShouldStartWith("The Sandbox box is checked, but this org is a production org.");
    }

    [Fact]
    public async Task Validate_WrongPassword_IsInvalidNamingAllThreeCredentials()
    {
        var result = await _validators.LogInAsync(StandInAccounts.AliceUsername, "not-the-password", StandInAccounts.AliceSecurityToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldStartWith("Salesforce did not accept the username, password or security token");
        result.FieldErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_MissingSecurityToken_BlamesTheSecurityToken()
    {
        var result = await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("Salesforce requires a security token when logging in from this network.");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("securityToken");
    }

    [Fact]
    public async Task Validate_WrongSecurityToken_BlamesTheSecurityToken()
    {
        var result = await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, "OLDTOKEN");

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("The security token is wrong or out of date.");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("securityToken");
    }

    [Fact]
    public async Task Validate_ExpiredPassword_IsInvalidAndBlamesThePassword()
    {
        var result = await _validators.LogInAsync(StandInAccounts.ExpiredUsername, StandInAccounts.ExpiredPassword, StandInAccounts.ExpiredSecurityToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("The password has expired.");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("password");
    }

    [Fact]
    public async Task Validate_OrgWithSoapLoginDisabled_SaysToEnableItOrUseADynamicAccount()
    {
        var result = await _validators.LogInAsync(StandInAccounts.NewbieUsername, StandInAccounts.NewbiePassword, StandInAccounts.NewbieSecurityToken);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldContain("Ask your Salesforce admin to enable SOAP API login(), or use a Salesforce.com dynamic account");
    }

    [Fact]
    public async Task Validate_AfterTheLoginRateLimit_SaysTryLaterNotInvalid()
    {
        var scenario = StandInScenario.Default;
        await using var standIn = await SalesforceStandIn.StartAsync(scenario);
        using var validators = new Validators(standIn);

        AccountValidationResult? last = null;
        for (var i = 0; i <= StandInAccounts.LimitedLoginLimit; i++)
        {
            last = await validators.LogInAsync(StandInAccounts.LimitedUsername, StandInAccounts.LimitedPassword, StandInAccounts.LimitedSecurityToken);
        }

        last!.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        last.Message.ShouldContain("try again later");
    }

    [Fact]
    public async Task Validate_HtmlMaintenancePage_IsAnUnexpectedResponseNotInvalidCredentials()
    {
        var result = await _validators.LogInAsync(StandInAccounts.HtmlUsername, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Message.ShouldStartWith("Salesforce gave an unexpected response (HTTP 503, an HTML page)");
    }

    [Theory]
    [InlineData(StandInAccounts.GarbageUsername, "HTTP 200, text/plain")]
    [InlineData(StandInAccounts.EmptyUsername, "HTTP 500, empty body")]
    public async Task Validate_GarbageOrEmptyBody_IsAnUnexpectedResponse(string username, string described)
    {
        var result = await _validators.LogInAsync(username, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Message.ShouldStartWith($"Salesforce gave an unexpected response ({described})");
    }

    [Fact]
    public async Task Validate_DroppedConnection_SaysTryLater()
    {
        var result = await _validators.LogInAsync(StandInAccounts.DropUsername, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Message.ShouldContain("closed before Salesforce answered");
    }

    [Fact]
    public async Task Validate_ServerSlowerThanTheTimeout_IsCutAtTheTimeoutAndSaysTryLater()
    {
        using var impatient = new Validators(fixture.StandIn, requestTimeout: TimeSpan.FromMilliseconds(500));

        var result = await impatient.LogInAsync(StandInAccounts.SlowUsername, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Message.ShouldBe("Salesforce did not answer within 0.5 s. This says nothing about the credentials; try again later.");
    }

    [Fact]
    public async Task Validate_Cancelled_StopsWaitingAndThrowsCancellation()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(
            () => _validators.LogInAsync(StandInAccounts.SlowUsername, StandInAccounts.AnyPassword, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Validate_RedirectToAnotherHost_IsNotFollowedAndBlamesTheLoginUrl()
    {
        var result = await _validators.LogInAsync(StandInAccounts.RedirectUsername, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe("Salesforce sent the request on to 'evil.example', which is not an allowed Salesforce address.");
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("loginUrl");
    }

    [Fact]
    public async Task Validate_TemporaryRedirectToAnAllowedAddress_IsFollowedWithTheSameLogin()
    {
        var before = fixture.StandIn.LoginAttempts(StandInAccounts.MovedUsername);

        var result = await _validators.LogInAsync(StandInAccounts.MovedUsername, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        fixture.StandIn.LoginAttempts(StandInAccounts.MovedUsername).ShouldBe(before + 2);
    }

    [Fact]
    public async Task Validate_HostThatDoesNotExist_BlamesTheLoginUrl()
    {
        // The operator allows the host, so the request is really attempted and fails in DNS.
        using var validators = new Validators(fixture.StandIn, extraAllowedHosts: "no-such-host.invalid");

        var result = await validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, loginUrl: "https://no-such-host.invalid/");

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("loginUrl");
        result.FieldErrors[0].Message.ShouldContain("No such host: 'no-such-host.invalid'");
    }

    [Theory]
    [InlineData("http://login.salesforce.com/", "Login URL must start with https://.")]
    [InlineData("https://login.salesforce.com.evil.example/", "Login URL must be a Salesforce address such as https://login.salesforce.com/; 'login.salesforce.com.evil.example' is not one.")]
    [InlineData("https://acme.lightning.force.com/", "Login URL is a Lightning address, which only serves the browser. Use https://acme.my.salesforce.com instead.")]
    public async Task Validate_LoginUrlThePolicyRefuses_IsInvalidWithoutAnyRequest(string loginUrl, string problem)
    {
        var before = fixture.StandIn.LoginAttempts(StandInAccounts.AliceUsername);

        var result = await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, loginUrl: loginUrl);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().ShouldBe(new AccountFieldError("loginUrl", problem));
        fixture.StandIn.LoginAttempts(StandInAccounts.AliceUsername).ShouldBe(before);
    }

    [Fact]
    public async Task Validate_MissingUsernameAndPassword_NamesBothFields()
    {
        var result = await _validators.LogInAsync(string.Empty, string.Empty);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.Select(e => e.Field).ShouldBe(["username", "password"]);
    }

    [Fact]
    public async Task Validate_TheLog_NamesHostUserAndOutcomeButNoSecret()
    {
        await _validators.LogInAsync(StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, "WRONGTOKEN");

        _validators.Log.Entries.ShouldContain(e => e.Contains($"as {StandInAccounts.AliceUsername}", StringComparison.Ordinal));
        _validators.Log.Entries.ShouldContain(e => e.Contains("LOGIN_MUST_USE_SECURITY_TOKEN", StringComparison.Ordinal));
        _validators.Log.Entries.ShouldNotContain(e => e.Contains(StandInAccounts.AlicePassword, StringComparison.Ordinal) || e.Contains("WRONGTOKEN", StringComparison.Ordinal));
    }
}
