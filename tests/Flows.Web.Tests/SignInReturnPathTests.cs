namespace Flows.Web.Tests;

/// <summary>
/// Sign-in sends the browser back only to a path on this server, whatever its <c>return</c> says,
/// and never answers with an invalid Location header: over real HTTP, through GET /sign-in (already
/// signed in) and through a correct POST /sign-in.
/// </summary>
public sealed class SignInReturnPathTests(SignInReturnPathTests.SignedInServer server) : IClassFixture<SignInReturnPathTests.SignedInServer>
{
    public const string Credential = "q3Vx8Lr0T2mZbW5nKa9YdE1uHs7GfJc4";

    /// <summary>Return paths a browser could read as another site, or that would break the header.</summary>
    public static TheoryData<string> HostileReturnPaths => new()
    {
        "//evil.example",
        "//evil.example/",
        "///evil.example",
        "////evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\\/evil.example",
        "/\t/evil.example/",
        "/\n/evil.example/",
        "/\r/evil.example/",
        "/\r\nSet-Cookie: flows_access=forged",
        "/\0/evil.example",
        "/\v/evil.example",
        "/\f/evil.example",
        "/\u007F/evil.example",
        "/\u3000/evil.example",
        "/\u00A0/evil.example",
        "/\u2028/evil.example",
        "/\u0085/evil.example",
        "/\u202E/evil.example",
        "/\uFF0F/evil.example",
        "/ /evil.example",
        "\t//evil.example",
        " /evil.example",
        "/%09/evil.example/",
        "/%0a/evil.example/",
        "/%0d/evil.example/",
        "/%00/evil.example/",
        "/%20/evil.example/",
        "/%E3%80%80/evil.example",
        "/%C2%A0/evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "%2F%2Fevil.example",
        "/%5C/evil.example",
        "/%5cevil.example",
        "/%252F/evil.example",
        "/%25252F%25252Fevil.example",
        "/..//evil.example",
        "/x/..//evil.example",
        "/%2e%2e//evil.example",
        "/.%2e/%2Fevil.example",
        "/./evil.example",
        "http://evil.example/",
        "https://evil.example",
        "HTTP://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.example",
        "",
        "/" + new string('a', 5000),
    };

    /// <summary>Paths on this server, which come back unchanged.</summary>
    public static TheoryData<string> LocalReturnPaths => new()
    {
        "/",
        "/plugins",
        "/connectors/x?account=1",
        "/connectors/fixture.good/new/fixture-good.basic",
        "/accounts/3f2a/edit",
        "/connectors/caf%C3%A9",
        "/connectors/x?account=a%2Fb",
        "/connectors/x/",
    };

    [Theory]
    [MemberData(nameof(HostileReturnPaths))]
    public async Task GetSignIn_WithAHostileReturnPath_GoesHomeOnThisServer(string returnPath)
    {
        using var response = await server.SignedIn.GetAsync(new Uri("/sign-in?return=" + Uri.EscapeDataString(returnPath), UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        Location(response).ShouldBe("/");
    }

    [Theory]
    [MemberData(nameof(HostileReturnPaths))]
    public async Task PostSignIn_WithAHostileReturnPath_GoesHomeOnThisServer(string returnPath)
    {
        using var response = await SignInAsync(returnPath);

        if (returnPath.Contains('\0', StringComparison.Ordinal))
        {
            // ASP.NET's form reader refuses a NUL in a form before sign-in sees it.
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).ShouldContain("not a well-formed form");
            return;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        Location(response).ShouldBe("/");
    }

    [Theory]
    [MemberData(nameof(LocalReturnPaths))]
    public async Task GetSignIn_WithAPathOnThisServer_ReturnsThere(string returnPath)
    {
        using var response = await server.SignedIn.GetAsync(new Uri("/sign-in?return=" + Uri.EscapeDataString(returnPath), UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        Location(response).ShouldBe(returnPath);
    }

    [Theory]
    [MemberData(nameof(LocalReturnPaths))]
    public async Task PostSignIn_WithAPathOnThisServer_ReturnsThere(string returnPath)
    {
        using var response = await SignInAsync(returnPath);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        Location(response).ShouldBe(returnPath);
    }

    [Fact]
    public async Task SignInPage_CarriesOnlyASafeReturnPathInItsForm()
    {
        using var client = server.NewClient();

        var (status, html) = await client.GetPageAsync("/sign-in?return=" + Uri.EscapeDataString("/%09/evil.example/"));

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("name=\"return\" value=\"/\"");
    }

    // A browser that has not signed in yet: loads the form, posts the right credential.
    private async Task<HttpResponseMessage> SignInAsync(string returnPath)
    {
        using var client = server.NewClient();
        return await client.PostFormAsync("/sign-in", "/sign-in", ("token", Credential), ("return", returnPath));
    }

    private static string Location(HttpResponseMessage response) => response.Headers.GetValues("Location").Single();

    /// <summary>One server with an access credential for every row, and a browser already signed in to it.</summary>
    public sealed class SignedInServer : IAsyncLifetime
    {
        private WebSandbox _web = null!;

        public HttpClient SignedIn => _web.Client;

        public HttpClient NewClient() =>
            new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _web.BaseAddress };

        public async Task InitializeAsync()
        {
            _web = await WebSandbox.StartAsync(accessToken: Credential);
            using var signIn = await _web.Client.PostFormAsync("/sign-in", "/sign-in", ("token", Credential), ("return", "/"));
            signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        }

        public async Task DisposeAsync() => await _web.DisposeAsync();
    }
}
