namespace Flows.Web.Tests;

/// <summary>The web host's guards, over real HTTP: headers, Host check, antiforgery, the access credential.</summary>
public sealed class WebSecurityTests
{
    private const string Credential = "hJ4wZ9qN2xB7mT5kR0cV8pL3sD6fG1yA";

    [Theory]
    [InlineData("/")]
    [InlineData("/plugins")]
    [InlineData("/connectors/fixture.good/new/fixture-good.basic")]
    public async Task Pages_CarryAStrictContentSecurityPolicyAndAreNotCached(string path)
    {
        await using var web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));

        using var response = await web.Client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<style");
        html.ShouldNotContain(" style=");
        html.ShouldNotContain("onclick");
    }

    [Fact]
    public async Task Assets_AreServedByTheHostItself()
    {
        await using var web = await WebSandbox.StartAsync();
        var (_, page) = await web.Client.GetPageAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/assets/flows\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        using var response = await web.Client.GetAsync(new Uri(css, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        page.ShouldNotContain("://", customMessage: "no asset or link may point to another origin");
    }

    [Fact]
    public async Task Request_WithAForeignHostName_IsRefused_SoDnsRebindingCannotReachTheAccounts()
    {
        await using var web = await WebSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts");
        request.Headers.Host = "attacker.example";

        using var response = await web.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_SavesNothing()
    {
        await using var web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["$label"] = "Forged",
            ["host"] = "example.com",
            ["apiKey"] = "k",
            ["action"] = "apply",
        });

        using var response = await web.Client.PostAsync(new Uri("/connectors/fixture.good/new/fixture-good.basic", UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("nothing was saved");
        var (_, connector) = await web.Client.GetPageAsync("/connectors/fixture.good");
        connector.ShouldContain("No accounts yet");
    }

    [Fact]
    public async Task WithCredential_BrowserIsSentToSignIn_AndApiAnswers401()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);

        using var page = await web.Client.GetAsync(new Uri("/plugins", UriKind.Relative));
        using var api = await web.Client.GetAsync(new Uri("/api/plugins", UriKind.Relative));

        page.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        page.Headers.Location!.ToString().ShouldBe("/sign-in?return=%2Fplugins");
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task WithCredential_BearerTokenLetsAScriptIn_AndAWrongOneDoesNot()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);

        using var good = new HttpRequestMessage(HttpMethod.Get, "/plugins") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Credential) } };
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/plugins") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Credential + "x") } };

        (await web.Client.SendAsync(good)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await web.Client.SendAsync(bad)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_WithTheCredential_SetsACookieThatIsNotTheCredential_AndReturnsOnlyToThisServer()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: Credential);

        using var wrong = await web.Client.PostFormAsync("/sign-in", "/sign-in", ("token", "guess-guess-guess-guess"), ("return", "/plugins"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("not the access credential");

        using var right = await web.Client.PostFormAsync("/sign-in", "/sign-in", ("token", Credential), ("return", "//attacker.example/"));
        right.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        right.Headers.Location!.ToString().ShouldBe("/");
        var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("flows_access=", StringComparison.Ordinal));
        cookie.ShouldNotContain(Credential);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);

        var (status, plugins) = await web.Client.GetPageAsync("/plugins");
        status.ShouldBe(HttpStatusCode.OK);
        plugins.ShouldContain("<h1>Plugins</h1>");
    }

    [Fact]
    public async Task AntiforgeryKeys_AreKeptWhereOnlyTheOwnerCanReadThem()
    {
        await using var web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));
        (await web.Client.GetPageAsync("/connectors/fixture.good/new/fixture-good.basic")).Status.ShouldBe(HttpStatusCode.OK);

        var keys = Path.Combine(web.Plugins.Home, "state", "web-keys");

        Directory.EnumerateFiles(keys, "*.xml").ShouldNotBeEmpty("the key that protects the form's token is persisted, so open forms survive a restart");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keys).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
