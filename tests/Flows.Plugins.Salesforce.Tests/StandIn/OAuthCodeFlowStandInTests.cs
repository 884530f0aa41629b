using System.Net;
using System.Text.Json.Nodes;

namespace Flows.Plugins.Salesforce.Tests.StandIn;

/// <summary>The stand-in's authorize page and authorization-code grant, driven like a browser without JavaScript.</summary>
[Collection(StandInTests.Name)]
public sealed class OAuthCodeFlowStandInTests(StandInFixture fixture) : IDisposable
{
    private readonly OAuthStandInClient _client = new(fixture.StandIn);

    public void Dispose() => _client.Dispose();

    private string BaseUrl => fixture.StandIn.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task AuthorizePage_IsAPlainFormWithUsernamePasswordAllowAndDeny()
    {
        var (_, challenge) = OAuthStandInClient.NewPkce();

        using var page = await _client.GetAuthorizeAsync(OAuthStandInClient.AuthorizeQuery(StandInAccounts.WebAppConsumerKey, challenge));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("<form method=\"post\" action=\"/services/oauth2/authorize\">");
        html.ShouldContain("name=\"username\"");
        html.ShouldContain("name=\"password\" type=\"password\"");
        html.ShouldContain(">Allow</button>");
        html.ShouldContain(">Deny</button>");
        html.ShouldNotContain("<script", Case.Insensitive);
    }

    [Fact]
    public async Task CodeFlow_WithTheRightVerifier_AnswersLikeSalesforceAndTheTokenWorksOnRestUserInfoAndTheIdUrl()
    {
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await _client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);

        var answer = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        answer.MediaType.ShouldBe("application/json");
        var json = answer.Json;
        json.Select(p => p.Key).ShouldBe(["access_token", "refresh_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"]);
        answer["scope"].ShouldBe("api refresh_token");
        answer["instance_url"].ShouldBe(BaseUrl);
        answer["id"].ShouldBe($"{BaseUrl}/id/{StandInAccounts.AcmeOrgId}/{StandInAccounts.AliceUserId}");
        answer["token_type"].ShouldBe("Bearer");
        long.Parse(answer["issued_at"]!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds());

        (await _client.GetWithTokenAsync($"services/data/v{StandInAccounts.ApiVersion}/", answer.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
        var userInfo = await _client.GetWithTokenAsync("services/oauth2/userinfo", answer.AccessToken);
        userInfo.Status.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(userInfo.Body)!["preferred_username"]!.GetValue<string>().ShouldBe(StandInAccounts.AliceUsername);

        var identity = await _client.GetWithTokenAsync(answer["id"]!, answer.AccessToken);
        identity.Status.ShouldBe(HttpStatusCode.OK, identity.Body);
        var id = JsonNode.Parse(identity.Body)!;
        id["username"]!.GetValue<string>().ShouldBe(StandInAccounts.AliceUsername);
        id["user_id"]!.GetValue<string>().ShouldBe(StandInAccounts.AliceUserId);
        id["organization_id"]!.GetValue<string>().ShouldBe(StandInAccounts.AcmeOrgId);
        id["display_name"]!.GetValue<string>().ShouldBe(StandInAccounts.AliceFullName);
        id["email"]!.GetValue<string>().ShouldBe(StandInAccounts.AliceUsername);
        id["urls"]!["rest"]!.GetValue<string>().ShouldStartWith(BaseUrl);
    }

    [Fact]
    public async Task CodeFlow_WithoutTheRefreshTokenScope_GivesNoRefreshToken()
    {
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await _client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword, scope: "api");

        var answer = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        answer["scope"].ShouldBe("api");
        answer.Json.ContainsKey("refresh_token").ShouldBeFalse();
    }

    [Fact]
    public async Task CodeFlow_WithTheWrongVerifier_IsInvalidCodeVerifier()
    {
        var (_, challenge) = OAuthStandInClient.NewPkce();
        var code = await _client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);

        var answer = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, OAuthStandInClient.NewPkce().Verifier);

        answer.ShouldBeInvalidGrant("invalid code verifier");
    }

    [Fact]
    public async Task CodeFlow_ReplayedCode_IsRefusedAsExpired()
    {
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await _client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        (await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier)).Status.ShouldBe(HttpStatusCode.OK);

        var replay = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier);

        replay.ShouldBeInvalidGrant("expired authorization code");
    }

    [Fact]
    public async Task CodeFlow_UnknownCode_IsInvalidAuthorizationCode()
    {
        var answer = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, "aPrxNotACode", OAuthStandInClient.NewPkce().Verifier);

        answer.ShouldBeInvalidGrant("invalid authorization code");
    }

    [Fact]
    public async Task CodeFlow_RedirectUriOtherThanTheAuthorizeOne_IsRedirectUriMismatch()
    {
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await _client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);

        var answer = await _client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier, redirectUri: "http://127.0.0.1:43118/oauth/callback");

        answer.ShouldBeError(HttpStatusCode.BadRequest, "redirect_uri_mismatch", "redirect_uri must match configuration");
    }

    [Fact]
    public async Task CodeFlow_CodeOlderThanItsLifetime_IsRefusedAsExpired()
    {
        await using var standIn = await SalesforceStandIn.StartAsync(StandInScenario.Default with { AuthorizationCodeLifetime = TimeSpan.Zero });
        using var client = new OAuthStandInClient(standIn);
        var (verifier, challenge) = OAuthStandInClient.NewPkce();
        var code = await client.AuthorizeAsync(StandInAccounts.WebAppConsumerKey, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);

        var answer = await client.ExchangeCodeAsync(StandInAccounts.WebAppConsumerKey, code, verifier);

        answer.ShouldBeInvalidGrant("expired authorization code");
    }

    [Fact]
    public async Task CodeFlow_AppThatRequiresItsSecret_RefusesWithoutItAndWorksWithItAndNoPkce()
    {
        var query = OAuthStandInClient.AuthorizeQuery(StandInAccounts.ConfidentialAppConsumerKey, "");
        query.Remove("code_challenge");
        query.Remove("code_challenge_method");

        using var first = await _client.SubmitAuthorizePageAsync(query, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        var withoutSecret = await _client.ExchangeCodeAsync(StandInAccounts.ConfidentialAppConsumerKey, OAuthStandInClient.RedirectQuery(first)["code"], "");
        using var second = await _client.SubmitAuthorizePageAsync(query, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        var wrongSecret = await _client.ExchangeCodeAsync(StandInAccounts.ConfidentialAppConsumerKey, OAuthStandInClient.RedirectQuery(second)["code"], "", secret: "not-the-secret");
        using var third = await _client.SubmitAuthorizePageAsync(query, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        var withSecret = await _client.ExchangeCodeAsync(StandInAccounts.ConfidentialAppConsumerKey, OAuthStandInClient.RedirectQuery(third)["code"], "", secret: StandInAccounts.ConfidentialAppConsumerSecret);

        withoutSecret.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_client", "invalid client credentials");
        wrongSecret.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_client", "invalid client credentials");
        withSecret.Status.ShouldBe(HttpStatusCode.OK, withSecret.Body);
    }

    [Fact]
    public async Task Deny_RedirectsWithAccessDeniedAndTheState()
    {
        var (_, challenge) = OAuthStandInClient.NewPkce();
        var query = OAuthStandInClient.AuthorizeQuery(StandInAccounts.WebAppConsumerKey, challenge, state: "xyz 1");

        using var answer = await _client.SubmitAuthorizePageAsync(query, "", "", decision: "Deny");

        answer.StatusCode.ShouldBe(HttpStatusCode.Found);
        answer.Headers.Location!.ToString().ShouldBe($"{OAuthStandInClient.Callback}?error=access_denied&error_description=end-user+denied+authorization&state=xyz+1");
    }

    [Fact]
    public async Task Allow_WithAWrongPassword_ShowsThePageAgainAndDoesNotRedirect()
    {
        var (_, challenge) = OAuthStandInClient.NewPkce();

        using var answer = await _client.SubmitAuthorizePageAsync(
            OAuthStandInClient.AuthorizeQuery(StandInAccounts.WebAppConsumerKey, challenge), StandInAccounts.AliceUsername, "not-the-password");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.Location.ShouldBeNull();
        var html = await answer.Content.ReadAsStringAsync();
        html.ShouldContain("Please check your username and password.");
        html.ShouldNotContain("not-the-password");
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsAnErrorPageInsteadOfRedirecting()
    {
        using var answer = await _client.GetAuthorizeAsync(OAuthStandInClient.AuthorizeQuery("3MVG9NoSuchApp", "challenge"));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.Location.ShouldBeNull();
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        (await answer.Content.ReadAsStringAsync()).ShouldContain("error=invalid_client_id&amp;error_description=client+identifier+invalid");
    }

    [Theory]
    [InlineData("https://evil.example/oauth/callback")]
    [InlineData("http://127.0.0.1:43117/other/callback")]
    [InlineData("http://localhost:43117/oauth/callback")]
    public async Task Authorize_RedirectUriTheAppDidNotRegister_ShowsRedirectUriMismatchInsteadOfRedirecting(string redirectUri)
    {
        using var answer = await _client.GetAuthorizeAsync(OAuthStandInClient.AuthorizeQuery(StandInAccounts.WebAppConsumerKey, "challenge", redirectUri: redirectUri));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.Location.ShouldBeNull();
        (await answer.Content.ReadAsStringAsync()).ShouldContain("error=redirect_uri_mismatch");
    }

    [Fact]
    public async Task Authorize_PkceAppWithoutAChallenge_RedirectsWithInvalidRequest()
    {
        var query = OAuthStandInClient.AuthorizeQuery(StandInAccounts.WebAppConsumerKey, "");
        query.Remove("code_challenge");

        using var answer = await _client.GetAuthorizeAsync(query);

        answer.StatusCode.ShouldBe(HttpStatusCode.Found);
        var redirect = OAuthStandInClient.RedirectQuery(answer);
        redirect["error"].ShouldBe("invalid_request");
        redirect["state"].ShouldBe("state-1");
    }

    [Fact]
    public async Task Authorize_RecordsTheLastRequestsParameters()
    {
        var (_, challenge) = OAuthStandInClient.NewPkce();
        var query = OAuthStandInClient.AuthorizeQuery(StandInAccounts.WebAppConsumerKey, challenge, state: "recorded");
        query["prompt"] = "login consent";

        using var _ = await _client.GetAuthorizeAsync(query);

        fixture.StandIn.LastAuthorizeRequest.ShouldNotBeNull().ShouldBe(query, ignoreOrder: true);
    }

    [Fact]
    public async Task MaintenanceApp_AuthorizeAndTokenAnswerTheHtmlMaintenancePage()
    {
        using var page = await _client.GetAuthorizeAsync(OAuthStandInClient.AuthorizeQuery(StandInAccounts.MaintenanceAppConsumerKey, "challenge"));
        var token = await _client.RefreshAsync(StandInAccounts.MaintenanceAppConsumerKey, "5Aep861Whatever");

        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        token.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        token.MediaType.ShouldBe("text/html");
    }
}
