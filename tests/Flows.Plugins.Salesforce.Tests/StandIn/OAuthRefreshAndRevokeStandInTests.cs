using System.Net;

namespace Flows.Plugins.Salesforce.Tests.StandIn;

/// <summary>The stand-in's refresh tokens (kept or rotated, expired by a test), access-token expiry and /revoke.</summary>
[Collection(StandInTests.Name)]
public sealed class OAuthRefreshAndRevokeStandInTests(StandInFixture fixture) : IDisposable
{
    private readonly OAuthStandInClient _client = new(fixture.StandIn);

    public void Dispose() => _client.Dispose();

    private static readonly string DataPath = $"services/data/v{StandInAccounts.ApiVersion}/";

    [Fact]
    public async Task Refresh_AppThatDoesNotRotate_GivesANewAccessTokenAndTheSameRefreshTokenKeepsWorking()
    {
        var signedIn = await _client.SignInAliceAsync();

        var first = await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken);
        var second = await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken);

        first.Status.ShouldBe(HttpStatusCode.OK, first.Body);
        first.Json.ContainsKey("refresh_token").ShouldBeFalse();
        first.AccessToken.ShouldNotBe(signedIn.AccessToken);
        first["scope"].ShouldBe("api refresh_token");
        second.Status.ShouldBe(HttpStatusCode.OK, second.Body);
        (await _client.GetWithTokenAsync(DataPath, first.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_AppThatRotates_GivesANewRefreshTokenAndTheOldOneIsExpired()
    {
        var signedIn = await _client.SignInAliceAsync(StandInAccounts.RotatingAppConsumerKey);

        var refreshed = await _client.RefreshAsync(StandInAccounts.RotatingAppConsumerKey, signedIn.RefreshToken);
        var withOld = await _client.RefreshAsync(StandInAccounts.RotatingAppConsumerKey, signedIn.RefreshToken);
        var withNew = await _client.RefreshAsync(StandInAccounts.RotatingAppConsumerKey, refreshed.RefreshToken);

        refreshed.Status.ShouldBe(HttpStatusCode.OK, refreshed.Body);
        refreshed.RefreshToken.ShouldNotBe(signedIn.RefreshToken);
        withOld.ShouldBeInvalidGrant("expired access/refresh token");
        withNew.Status.ShouldBe(HttpStatusCode.OK, withNew.Body);
    }

    [Fact]
    public async Task Refresh_ConcurrentRefreshesWithOneRotatingToken_ExactlyOneWins()
    {
        var signedIn = await _client.SignInAliceAsync(StandInAccounts.RotatingAppConsumerKey);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.RefreshAsync(StandInAccounts.RotatingAppConsumerKey, signedIn.RefreshToken)));

        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.Status != HttpStatusCode.OK).ShouldAllBe(a => a["error_description"] == "expired access/refresh token");
    }

    [Fact]
    public async Task Refresh_WithAnotherAppsClientId_IsExpiredToken()
    {
        var signedIn = await _client.SignInAliceAsync();

        var answer = await _client.RefreshAsync(StandInAccounts.RotatingAppConsumerKey, signedIn.RefreshToken);

        answer.ShouldBeInvalidGrant("expired access/refresh token");
    }

    [Fact]
    public async Task ExpireRefreshToken_RefreshIsRefusedButItsAccessTokenStillWorks()
    {
        var signedIn = await _client.SignInAliceAsync();

        fixture.StandIn.ExpireRefreshToken(signedIn.RefreshToken);

        (await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken)).ShouldBeInvalidGrant("expired access/refresh token");
        (await _client.GetWithTokenAsync(DataPath, signedIn.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpireAccessToken_NextRestCallIsInvalidSessionAndARefreshGivesAWorkingOne()
    {
        var signedIn = await _client.SignInAliceAsync();

        fixture.StandIn.ExpireAccessToken(signedIn.AccessToken);

        var rest = await _client.GetWithTokenAsync(DataPath, signedIn.AccessToken);
        rest.Status.ShouldBe(HttpStatusCode.Unauthorized);
        rest.Body.ShouldContain("INVALID_SESSION_ID");
        var refreshed = await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken);
        (await _client.GetWithTokenAsync(DataPath, refreshed.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_RefreshToken_EndsItAndEveryAccessTokenItGave()
    {
        var signedIn = await _client.SignInAliceAsync();
        var refreshed = await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken);

        var status = await _client.RevokeAsync(signedIn.RefreshToken);

        status.ShouldBe(HttpStatusCode.OK);
        fixture.StandIn.WasRevoked(signedIn.RefreshToken).ShouldBeTrue();
        (await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken)).ShouldBeInvalidGrant("expired access/refresh token");
        (await _client.GetWithTokenAsync(DataPath, signedIn.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.GetWithTokenAsync(DataPath, refreshed.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_AccessToken_EndsOnlyThatToken()
    {
        var signedIn = await _client.SignInAliceAsync();

        var status = await _client.RevokeAsync(signedIn.AccessToken);

        status.ShouldBe(HttpStatusCode.OK);
        fixture.StandIn.WasRevoked(signedIn.AccessToken).ShouldBeTrue();
        fixture.StandIn.WasRevoked(signedIn.RefreshToken).ShouldBeFalse();
        (await _client.GetWithTokenAsync(DataPath, signedIn.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_UnknownToken_IsABadRequest()
    {
        var status = await _client.RevokeAsync("5Aep861NeverIssued");

        status.ShouldBe(HttpStatusCode.BadRequest);
        fixture.StandIn.WasRevoked("5Aep861NeverIssued").ShouldBeFalse();
    }

    [Fact]
    public async Task RevokeRefreshToken_ByTheTest_EndsItsAccessTokensWithoutCountingAsAClientRevoke()
    {
        var signedIn = await _client.SignInAliceAsync();

        fixture.StandIn.RevokeRefreshToken(signedIn.RefreshToken);

        fixture.StandIn.WasRevoked(signedIn.RefreshToken).ShouldBeFalse();
        (await _client.GetWithTokenAsync(DataPath, signedIn.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken)).ShouldBeInvalidGrant("expired access/refresh token");
    }

    [Fact]
    public async Task TokenRequests_CountsEachGrantTypeRefusedOrNot()
    {
        await using var standIn = await SalesforceStandIn.StartAsync();
        using var client = new OAuthStandInClient(standIn);
        var signedIn = await client.SignInAliceAsync();

        await client.RefreshAsync(StandInAccounts.WebAppConsumerKey, signedIn.RefreshToken);
        await client.RefreshAsync(StandInAccounts.WebAppConsumerKey, "5Aep861NeverIssued");
        await client.JwtAsync("not-a-jwt");

        standIn.TokenRequests(StandInGrantTypes.AuthorizationCode).ShouldBe(1);
        standIn.TokenRequests(StandInGrantTypes.RefreshToken).ShouldBe(2);
        standIn.TokenRequests(StandInGrantTypes.JwtBearer).ShouldBe(1);
        standIn.TokenRequests(StandInGrantTypes.ClientCredentials).ShouldBe(0);
    }
}
