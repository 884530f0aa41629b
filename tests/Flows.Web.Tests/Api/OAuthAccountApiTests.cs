using Flows.Testing.OAuth;
using Flows.Testing.SalesforceStandIn;

namespace Flows.Web.Tests.Api;

/// <summary>
/// OAuth accounts through /api/accounts over real HTTP: an account signed in at the generic provider
/// (the sign-in driven through the host's services, as the web form's callback does), its deletion,
/// what the API shows of it, and a Salesforce JWT bearer account created with validate.
/// </summary>
public sealed class OAuthAccountApiTests : IAsyncLifetime
{
    private const string CodeTypeId = "fixture.oauth.code";
    private const string ClientSecretCanary = "CANARY-client-secret-5f2c91";
    private const string Binding = "browser-session";

    private OAuthProviderStandIn _provider = null!;
    private ApiSession _api = null!;

    public async Task InitializeAsync()
    {
        _provider = await OAuthProviderStandIn.StartAsync(new OAuthProviderSettings { Authorize = AuthorizeChoice.Allow, ClientSecret = ClientSecretCanary });
        _api = await ApiSession.StartAsync(plugins => plugins.Add(Fixtures.OAuth), _provider.HostAndPort);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private IServiceProvider Services => _api.Web.App.Services;

    /// <summary>Signs in through the host's sign-in (the provider allows at once); the account's id.</summary>
    private async Task<string> SignInAsync(string label = "Fixture")
    {
        var service = Services.GetRequiredService<AccountService>();
        var form = new FormValues().Add(FormPath.Label, label).Add("serverUrl", _provider.Origin)
            .Add("clientId", _provider.Settings.ClientId).Add("clientSecret", ClientSecretCanary);
        var start = await service.BeginSignInAsync(CodeTypeId, form, null, null, null, new Uri(_api.Web.BaseAddress, "/oauth/callback"), Binding, CancellationToken.None);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var answer = await http.GetAsync(start.AuthorizationUrl.ShouldNotBeNull());
        var query = answer.Headers.Location.ShouldNotBeNull().Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]), StringComparer.Ordinal);

        var completion = await service.CompleteSignInAsync(query["state"], query["code"], null, null, Binding, CancellationToken.None);

        completion.Result.Saved.ShouldBeTrue(string.Join("; ", completion.Result.Errors.All()));
        return completion.Result.Account!.Id;
    }

    private async Task<string> RefreshTokenOfAsync(string id) =>
        (await Services.GetRequiredService<AccountStore>().GetSignInAsync(id)).ShouldNotBeNull().Tokens.RefreshToken.ShouldNotBeNull();

    [Fact]
    public async Task Delete_SignedInAccount_RevokesItsSignInAtTheProvider()
    {
        var id = await SignInAsync();
        var refreshToken = await RefreshTokenOfAsync(id);

        var answer = await _api.DeleteAsync($"/api/accounts/{id}");

        answer.Status.ShouldBe(HttpStatusCode.NoContent, answer.Text);
        _provider.IsRevoked(refreshToken).ShouldBeTrue();
        _provider.IsLiveRefreshToken(refreshToken).ShouldBeFalse();
        (await _api.GetAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_ListAndOne_ShowWhoSignedInButNeverATokenOrTheClientSecret()
    {
        var id = await SignInAsync();
        var stored = (await Services.GetRequiredService<AccountStore>().GetSignInAsync(id))!.Tokens;

        var list = await _api.GetAsync("/api/accounts");
        var one = await _api.GetAsync($"/api/accounts/{id}");

        list.Status.ShouldBe(HttpStatusCode.OK, list.Text);
        one.Status.ShouldBe(HttpStatusCode.OK, one.Text);
        one.Json["status"]!["kind"]!.GetValue<string>().ShouldBe("valid");
        one.Json["secrets"]!.ToJsonString().ShouldBe("""{"/clientSecret":true}""");
        one.Text.ShouldContain(_provider.Settings.User.Username);
        foreach (var answer in new[] { list, one })
        {
            answer.Text.ShouldNotContain(stored.AccessToken!);
            answer.Text.ShouldNotContain(stored.RefreshToken!);
            answer.Text.ShouldNotContain(ClientSecretCanary);
            answer.Text.ShouldNotContain("accessToken", Case.Insensitive);
            answer.Text.ShouldNotContain("refreshToken", Case.Insensitive);
        }
    }

    [Fact]
    public async Task CanaryRefreshTokenAndClientSecret_AreInNoAnswerNoLogLineAndNoDatabaseFileInClear()
    {
        var id = await SignInAsync();
        var refreshToken = await RefreshTokenOfAsync(id);
        _provider.ExpireAccessTokens();

        // Everything an API client does with the account: read it, check it again (a refresh), read it, delete it.
        await _api.GetAsync("/api/accounts");
        await _api.GetAsync($"/api/accounts/{id}");
        var revalidated = await _api.PostAsync($"/api/accounts/{id}/validate", null);
        await _api.GetAsync($"/api/accounts/{id}");
        var rotated = await RefreshTokenOfAsync(id);
        var files = await DatabaseTextAsync();
        await _api.DeleteAsync($"/api/accounts/{id}");

        revalidated.Status.ShouldBe(HttpStatusCode.OK, revalidated.Text);
        _provider.TokenRequests("refresh_token").ShouldBe(1);
        var canary = new SecretCanary();
        canary.Add(_api.Transcript);
        canary.Add(_api.Web.Log.Entries.Select(e => $"{e.Message} {e.Exception}"));
        canary.Add(files);
        canary.ShouldNotContainAny(refreshToken, rotated, ClientSecretCanary);
    }

    [Fact]
    public async Task CreateJwtAccountWithValidate_PreAuthorisedUser_Returns201Valid()
    {
        await using var salesforce = await SalesforceStandIn.StartAsync();
        await using var api = await ApiSession.StartAsync(plugins => plugins.Add(Fixtures.Salesforce), salesforce.HostAndPort);
        var body = new JsonObject
        {
            ["accountTypeId"] = "salesforce.jwt",
            ["label"] = "Server",
            ["validate"] = true,
            ["values"] = new JsonObject
            {
                ["loginUrl"] = salesforce.BaseAddress.GetLeftPart(UriPartial.Authority),
                ["consumerKey"] = StandInAccounts.JwtAppConsumerKey,
                ["username"] = StandInAccounts.AliceUsername,
                ["privateKey"] = StandInKeys.Default.PrivateKeyPem,
            },
        };

        var answer = await api.PostAsync("/api/accounts", body);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        answer.Json["status"]!["kind"]!.GetValue<string>().ShouldBe("valid");
        answer.Json["status"]!["detail"]!.GetValue<string>().ShouldContain(StandInAccounts.AliceUsername);
        answer.Json["secrets"]!.ToJsonString().ShouldBe("""{"/privateKey":true}""");
        answer.Text.ShouldNotContain(StandInKeys.Default.PrivateKeyPem.Split('\n')[1].Trim());
        salesforce.TokenRequests(StandInGrantTypes.JwtBearer).ShouldBe(1);
    }

    private async Task<List<string>> DatabaseTextAsync()
    {
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(_api.Web.Plugins.Home, "accounts.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            texts.Add(await reader.ReadToEndAsync());
        }

        texts.ShouldNotBeEmpty();
        return texts;
    }
}
