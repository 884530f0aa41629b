namespace Flows.Plugins.Salesforce.Tests.Validation;

/// <summary>Every login() fault code from the reference table, each to its own outcome, message and blamed field.</summary>
[Collection(StandInTests.Name)]
public sealed class LoginFaultTests(StandInFixture fixture) : IDisposable
{
    private readonly Validators _validators = new(fixture.StandIn);

    public void Dispose() => _validators.Dispose();

    public static TheoryData<string, AccountValidationOutcome, string, string?> Faults => new()
    {
        { "INVALID_LOGIN", AccountValidationOutcome.Invalid, "did not accept the username, password or security token", null },
        { "LOGIN_MUST_USE_SECURITY_TOKEN", AccountValidationOutcome.Invalid, "The security token is wrong or out of date.", "securityToken" },
        { "INVALID_OPERATION", AccountValidationOutcome.Invalid, "SOAP API login() is turned off for this org or not offered in this API version", null },
        { "API_DISABLED_FOR_ORG", AccountValidationOutcome.Invalid, "does not allow API access", null },
        { "INSUFFICIENT_ACCESS", AccountValidationOutcome.Invalid, "not allowed to log in through the API", "username" },
        { "PASSWORD_LOCKOUT", AccountValidationOutcome.Invalid, "locked out after too many failed logins", "username" },
        { "INACTIVE_OWNER_OR_USER", AccountValidationOutcome.Invalid, "is inactive", "username" },
        { "LOGIN_CHALLENGE_ISSUED", AccountValidationOutcome.Invalid, "an identity challenge was sent", null },
        { "LOGIN_CHALLENGE_PENDING", AccountValidationOutcome.Invalid, "identity verification for this user is still pending", null },
        { "LOGIN_DURING_RESTRICTED_DOMAIN", AccountValidationOutcome.Invalid, "from this network (IP restrictions)", null },
        { "LOGIN_DURING_RESTRICTED_TIME", AccountValidationOutcome.Invalid, "at this time of day (login hours)", null },
        { "INVALID_SSO_GATEWAY_URL", AccountValidationOutcome.Invalid, "single sign-on settings are broken", null },
        { "REQUEST_LIMIT_EXCEEDED", AccountValidationOutcome.Unavailable, "limiting requests for this user or org right now (rate limit)", null },
        { "SERVER_UNAVAILABLE", AccountValidationOutcome.Unavailable, "Salesforce is temporarily unavailable.", null },
        { "ORG_IN_MAINTENANCE", AccountValidationOutcome.Unavailable, "org is in maintenance", null },
        { "API_CURRENTLY_DISABLED", AccountValidationOutcome.Unavailable, "API is temporarily disabled for this org", null },
        { "UNSUPPORTED_API_VERSION", AccountValidationOutcome.Invalid, "no longer supports API version 64.0", null },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Validate_LoginFault_MapsToItsOwnOutcomeMessageAndField(string code, AccountValidationOutcome outcome, string message, string? field)
    {
        var result = await _validators.LogInAsync(StandInAccounts.FaultUsername(code), StandInAccounts.AnyPassword, "SOMETOKEN");

        result.Outcome.ShouldBe(outcome);
        result.Message.ShouldContain(message);
        result.FieldErrors.Select(e => e.Field).SingleOrDefault().ShouldBe(field);
        if (outcome == AccountValidationOutcome.Unavailable)
        {
            result.Message.ShouldContain("try again later");
            result.Message.ShouldNotContain("invalid", Case.Insensitive);
        }
    }

    [Fact]
    public async Task EveryFaultCode_HasAMessageOfItsOwn()
    {
        var messages = new List<string>();
        foreach (var code in Faults.Select(row => (string)row[0]))
        {
            messages.Add((await _validators.LogInAsync(StandInAccounts.FaultUsername(code), StandInAccounts.AnyPassword, "SOMETOKEN")).Message);
        }

        messages.Distinct().Count().ShouldBe(Faults.Count);
    }

    [Fact]
    public async Task Validate_FaultCodeWithoutNamespacePrefix_IsStillRecognised()
    {
        var result = await _validators.LogInAsync(StandInAccounts.BareCodeFaultUsername, StandInAccounts.AnyPassword);

        result.Message.ShouldStartWith("Salesforce did not accept the username, password or security token");
    }

    [Fact]
    public async Task Validate_UnknownFaultCode_NamesTheCodeOnly()
    {
        var result = await _validators.LogInAsync(StandInAccounts.UnknownCodeFaultUsername, StandInAccounts.AnyPassword);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Message.ShouldBe($"Salesforce refused the login with the error code {StandInAccounts.UnknownFaultCode}.");
    }
}
