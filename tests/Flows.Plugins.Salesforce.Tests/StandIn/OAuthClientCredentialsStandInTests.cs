using System.Net;
using System.Text.Json.Nodes;

namespace Flows.Plugins.Salesforce.Tests.StandIn;

/// <summary>The stand-in's client-credentials grant: only on My Domain, acting as the app's run-as user.</summary>
[Collection(StandInTests.Name)]
public sealed class OAuthClientCredentialsStandInTests(StandInFixture fixture) : IDisposable
{
    private readonly OAuthStandInClient _client = new(fixture.StandIn);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ClientCredentials_OnTheLoginHost_IsRequestNotSupportedOnThisDomain()
    {
        var answer = await _client.ClientCredentialsAsync(StandInAccounts.ClientCredentialsAppConsumerKey, StandInAccounts.ClientCredentialsAppConsumerSecret, onMyDomain: false);

        answer.ShouldBeInvalidGrant("request not supported on this domain");
    }

    [Fact]
    public async Task ClientCredentials_OnMyDomain_GivesATokenForTheRunAsUser()
    {
        fixture.StandIn.MyDomainAddress.Host.ShouldBe("localhost");

        var answer = await _client.ClientCredentialsAsync(StandInAccounts.ClientCredentialsAppConsumerKey, StandInAccounts.ClientCredentialsAppConsumerSecret);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        answer.Json.ContainsKey("refresh_token").ShouldBeFalse();
        var userInfo = await _client.GetWithTokenAsync("services/oauth2/userinfo", answer.AccessToken);
        userInfo.Status.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(userInfo.Body)!["preferred_username"]!.GetValue<string>().ShouldBe(StandInAccounts.AliceUsername);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsInvalidClient()
    {
        var answer = await _client.ClientCredentialsAsync(StandInAccounts.ClientCredentialsAppConsumerKey, "not-the-secret");

        answer.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_client", "invalid client credentials");
    }

    [Fact]
    public async Task ClientCredentials_UnknownClient_IsInvalidClientId()
    {
        var answer = await _client.ClientCredentialsAsync("3MVG9NoSuchApp", "secret");

        answer.ShouldBeError(HttpStatusCode.BadRequest, "invalid_client_id", "client identifier invalid");
    }

    [Fact]
    public async Task ClientCredentials_AppWithoutARunAsUser_IsRefused()
    {
        var answer = await _client.ClientCredentialsAsync(StandInAccounts.ConfidentialAppConsumerKey, StandInAccounts.ConfidentialAppConsumerSecret);

        answer.ShouldBeInvalidGrant("no client credentials user enabled");
    }

    [Fact]
    public async Task Token_UnknownGrantType_IsUnsupportedGrantType()
    {
        var answer = await _client.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = StandInAccounts.WebAppConsumerKey });

        answer.ShouldBeError(HttpStatusCode.BadRequest, "unsupported_grant_type", "grant type not supported");
    }
}
