using System.Net;

namespace Flows.Plugins.Salesforce.Tests.StandIn;

/// <summary>Every token-endpoint error a test can script: users, an inactive org, rate-limited and maintenance apps.</summary>
[Collection(StandInTests.Name)]
public sealed class OAuthScriptedErrorsStandInTests(StandInFixture fixture) : IDisposable
{
    private readonly OAuthStandInClient _client = new(fixture.StandIn);

    public void Dispose() => _client.Dispose();

    public static TheoryData<StandInOAuthFailure, HttpStatusCode, string, string> UserFailures => new()
    {
        { StandInOAuthFailure.AuthenticationFailure, HttpStatusCode.BadRequest, "invalid_grant", "authentication failure" },
        { StandInOAuthFailure.UserLocked, HttpStatusCode.BadRequest, "invalid_grant", "user is locked" },
        { StandInOAuthFailure.LoginRestricted, HttpStatusCode.BadRequest, "invalid_grant", "IP restricted or invalid login hours" },
        { StandInOAuthFailure.InactiveUser, HttpStatusCode.BadRequest, "invalid_grant", "inactive user" },
        { StandInOAuthFailure.NotApproved, HttpStatusCode.BadRequest, "invalid_grant", "user hasn't approved this consumer" },
        { StandInOAuthFailure.RateLimited, HttpStatusCode.BadRequest, "rate_limit_exceeded", "rate limit exceeded" },
    };

    [Theory]
    [MemberData(nameof(UserFailures))]
    public async Task Jwt_ForAScriptedUser_AnswersItsError(StandInOAuthFailure failure, HttpStatusCode status, string error, string description)
    {
        var assertion = OAuthStandInClient.Assertion(StandInKeys.Default.PrivateKeyPem, StandInAccounts.JwtAppConsumerKey, StandInAccounts.OAuthFailureUsernames[failure]);

        var answer = await _client.JwtAsync(assertion);

        answer.ShouldBeError(status, error, description);
    }

    [Theory]
    [MemberData(nameof(UserFailures))]
    public async Task CodeFlow_ForAScriptedUser_SignsInOnThePageThenTheTokenRequestAnswersItsError(StandInOAuthFailure failure, HttpStatusCode status, string error, string description)
    {
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await _client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.OAuthFailureUsernames[failure], StandInAccounts.AnyPassword);

        var answer = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier);

        answer.ShouldBeError(status, error, description);
    }

    [Fact]
    public async Task Jwt_ForTheMaintenanceUser_AnswersTheHtmlMaintenancePage()
    {
        var assertion = OAuthStandInClient.Assertion(StandInKeys.Default.PrivateKeyPem, StandInAccounts.JwtAppConsumerKey, StandInAccounts.MaintenanceOAuthUsername);

        var answer = await _client.JwtAsync(assertion);

        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        answer.MediaType.ShouldBe("text/html");
        answer.Body.ShouldContain("Down for maintenance");
    }

    [Fact]
    public async Task Jwt_ForAUserOfAnInactiveOrg_IsInactiveOrg()
    {
        var assertion = OAuthStandInClient.Assertion(StandInKeys.Default.PrivateKeyPem, StandInAccounts.JwtAppConsumerKey, StandInAccounts.ClosedUsername);

        var answer = await _client.JwtAsync(assertion);

        answer.ShouldBeError(HttpStatusCode.BadRequest, "inactive_org", "inactive organization");
    }

    [Fact]
    public async Task RateLimitedApp_EveryTokenRequestIsRateLimitExceeded()
    {
        var refresh = await _client.RefreshAsync(StandInAccounts.RateLimitedAppConsumerKey, "5Aep861Whatever");
        var clientCredentials = await _client.ClientCredentialsAsync(StandInAccounts.RateLimitedAppConsumerKey, StandInAccounts.ScriptedAppConsumerSecret);

        refresh.ShouldBeError(HttpStatusCode.BadRequest, "rate_limit_exceeded", "rate limit exceeded");
        clientCredentials.ShouldBeError(HttpStatusCode.BadRequest, "rate_limit_exceeded", "rate limit exceeded");
    }

    [Fact]
    public async Task CodeFlow_ForAUserATestScriptedAsLocked_IsUserIsLocked()
    {
        var alice = StandInScenario.Default.Users.Single(u => u.Username == StandInAccounts.AliceUsername);
        var scenario = StandInScenario.Default with { Users = [.. StandInScenario.Default.Users.Where(u => u != alice), alice with { OAuthFailure = StandInOAuthFailure.UserLocked }] };
        await using var standIn = await SalesforceStandIn.StartAsync(scenario);
        using var client = new OAuthStandInClient(standIn);
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);

        var answer = await client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier);

        answer.ShouldBeInvalidGrant("user is locked");
    }
}
