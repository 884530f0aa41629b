using System.Net;
using System.Text.RegularExpressions;
using Flows.Testing.OAuth;
using Flows.Testing.Postgres;

namespace Flows.Web.Tests.Nodes;

/// <summary>
/// A browser sign-in of an OAuth account across three real <c>flows serve</c> nodes on one PostgreSQL
/// database, as behind a load balancer without sticky sessions: started on one node, back from the
/// provider on another, its outcome shown by a third; once, and only to the browser that started it.
/// </summary>
public sealed partial class SharedSignInNodesTests : IAsyncLifetime
{
    private const string FormPath = "/connectors/fixture.oauth/new/fixture.oauth.code";
    private const string ClientSecretCanary = "CANARY-client-secret-9d41e7";

    private OAuthProviderStandIn _provider = null!;
    private StoreNodes _nodes = null!;
    private string _address = null!;

    public async Task InitializeAsync()
    {
        _provider = await OAuthProviderStandIn.StartAsync(new OAuthProviderSettings { Authorize = AuthorizeChoice.Allow, ClientSecret = ClientSecretCanary });
        _address = await StoreDatabases.CreateAsync();
        _nodes = await StoreNodes.StartAsync(
            _address, 3, new Dictionary<string, string> { ["FLOWS_OUTBOUND_ALLOWED_HOSTS"] = _provider.HostAndPort }, [Fixtures.OAuth]);
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        await StoreDatabases.DropAsync(_address);
        await _provider.DisposeAsync();
    }

    private FlowsServer A => _nodes.Nodes[0];

    private FlowsServer B => _nodes.Nodes[1];

    private FlowsServer C => _nodes.Nodes[2];

    [Fact]
    public async Task ASignInStartedOnOneNode_FinishesOnAnother_AndItsOutcomeShowsOnAThird_SavingTheAccountOnce()
    {
        using var browser = Browser();
        var callback = await StartAsync(browser, A, "Across nodes");

        using var back = await browser.GetAsync(On(B, callback));
        var backPage = await back.Content.ReadAsStringAsync();
        back.StatusCode.ShouldBe(HttpStatusCode.OK, backPage + Logs);
        using var finish = await browser.GetAsync(On(C, ContinueUrl(backPage)));

        finish.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await finish.Content.ReadAsStringAsync() + Logs);
        finish.Headers.Location!.OriginalString.ShouldContain("notice=signed-in");
        var account = (await _nodes.OpenStore().ListAsync()).ShouldHaveSingleItem();
        account.Label.ShouldBe("Across nodes");
        (await _nodes.OpenStore().GetSignInAsync(account.Id)).ShouldNotBeNull().Tokens.RefreshToken.ShouldNotBeNullOrEmpty();
        foreach (var node in _nodes.Nodes)
        {
            var one = JsonNode.Parse(await node.Client.GetStringAsync(new Uri($"/api/accounts/{account.Id}", UriKind.Relative)))!;
            one["status"]!["kind"]!.GetValue<string>().ShouldBe("valid");
        }

        // The same callback again, on the node that started it: used, nothing more saved.
        using var replay = await browser.GetAsync(On(A, callback));
        var replayPage = await replay.Content.ReadAsStringAsync();
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest, replayPage);
        replayPage.ShouldContain("already used");
        using var shownAgain = await browser.GetAsync(On(A, ContinueUrl(backPage)));
        shownAgain.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _nodes.OpenStore().ListAsync()).Count.ShouldBe(1);
        _provider.TokenRequests("authorization_code").ShouldBe(1);
    }

    [Fact]
    public async Task TheCallbackInAnotherBrowser_IsRefusedOnAnyNode_AndTheBrowserThatStartedItStillFinishesIt()
    {
        using var browser = Browser();
        using var other = Browser();
        var callback = await StartAsync(browser, A, "Right browser");
        await StartAsync(other, C, "Other browser's own");

        using var refused = await other.GetAsync(On(B, callback));
        var refusedPage = await refused.Content.ReadAsStringAsync();
        using var back = await browser.GetAsync(On(C, callback));
        var backPage = await back.Content.ReadAsStringAsync();
        using var finish = await browser.GetAsync(On(B, ContinueUrl(backPage)));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, refusedPage);
        refusedPage.ShouldContain("started in another browser");
        finish.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await finish.Content.ReadAsStringAsync() + Logs);
        (await _nodes.OpenStore().ListAsync()).Select(a => a.Label).ShouldBe(["Right browser"]);
    }

    [Fact]
    public async Task ASignInRefusedAtTheProvider_ShowsTheFormAgainOnAnotherNode_WithWhatWasTypedButNotTheSecret_AndSavesNothing()
    {
        _provider.Settings.Authorize = AuthorizeChoice.Deny;
        using var browser = Browser();
        var callback = await StartAsync(browser, A, "Denied across nodes");

        using var back = await browser.GetAsync(On(B, callback));
        var backPage = await back.Content.ReadAsStringAsync();
        using var finish = await browser.GetAsync(On(C, ContinueUrl(backPage)));
        var form = await finish.Content.ReadAsStringAsync();

        finish.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, form + Logs);
        form.ShouldContain("You did not allow Flows to use your Fixture account, so nothing was saved.");
        form.ShouldContain("value=\"Denied across nodes\"");
        form.ShouldContain(WebUtility.HtmlEncode(_provider.Origin));
        form.ShouldNotContain(ClientSecretCanary);
        (await _nodes.OpenStore().ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task NoSecretOfASignInUnderWay_IsReadableInTheDatabase()
    {
        using var browser = Browser();
        var callback = await StartAsync(browser, A, "Sealed");

        var rows = await EveryHandoverAsync();

        rows.ShouldNotBeEmpty();
        foreach (var secret in new[] { ClientSecretCanary, Query(callback, "state") })
        {
            rows.ShouldNotContain(secret);
            rows.ShouldNotContain(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(secret)));
        }
    }

    private static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

    /// <summary>Opens the form on <paramref name="node"/>, presses "Sign in with Fixture" and allows at the provider; the callback it sends the browser to.</summary>
    private async Task<Uri> StartAsync(HttpClient browser, FlowsServer node, string label)
    {
        var form = await browser.GetStringAsync(new Uri(node.BaseAddress, FormPath));
        var token = AntiforgeryToken().Match(form);
        token.Success.ShouldBeTrue(form);
        using var posted = await browser.PostAsync(
            new Uri(node.BaseAddress, FormPath),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["$label"] = label,
                ["serverUrl"] = _provider.Origin,
                ["clientId"] = _provider.Settings.ClientId,
                ["clientSecret"] = ClientSecretCanary,
                ["action"] = "sign-in",
            }));
        var page = await posted.Content.ReadAsStringAsync();
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, page + Logs);

        using var authorized = await browser.GetAsync(new Uri(ContinueUrl(page)));
        var callback = authorized.Headers.Location.ShouldNotBeNull();
        callback.AbsolutePath.ShouldBe("/oauth/callback");
        Query(callback, "state").ShouldNotBeNullOrEmpty();
        return callback;
    }

    // The same path and query on another node: what a load balancer does with the provider's redirect.
    private static Uri On(FlowsServer node, Uri url) => new(node.BaseAddress, url.IsAbsoluteUri ? url.PathAndQuery : url.OriginalString);

    private static Uri On(FlowsServer node, string url) => On(node, new Uri(url, UriKind.RelativeOrAbsolute));

    private static string ContinueUrl(string page)
    {
        var link = ContinueLink().Match(page);
        link.Success.ShouldBeTrue(page);
        return WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    private static string Query(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => WebUtility.UrlDecode(p[1])).Single();

    private async Task<string> EveryHandoverAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_address + ";Pooling=false");
        await connection.OpenAsync();
        await using var select = new Npgsql.NpgsqlCommand("SELECT t::text FROM sign_in_handovers t", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            rows.AppendLine(reader.GetString(0));
        }

        return rows.ToString();
    }

    private string Logs => "\n" + string.Join("\n", _nodes.Nodes.Select(n => n.Log));

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<a class=\"button\" href=\"([^\"]+)\">Continue</a>")]
    private static partial Regex ContinueLink();
}
