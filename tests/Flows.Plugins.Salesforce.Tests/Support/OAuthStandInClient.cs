using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flows.Plugins.Salesforce.Tests.Support;

/// <summary>
/// A plain HTTP client for the stand-in's OAuth endpoints, as a host or a browser without JavaScript
/// would drive them: it reads the authorize page's form and posts it back, and never follows redirects.
/// </summary>
public sealed partial class OAuthStandInClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public OAuthStandInClient(SalesforceStandIn standIn)
    {
        StandIn = standIn;
    }

    public SalesforceStandIn StandIn { get; }

    /// <summary>A callback on a loopback port nobody registered exactly (the app registered it without a port).</summary>
    public static string Callback => "http://127.0.0.1:43117/oauth/callback";

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static Dictionary<string, string> AuthorizeQuery(string clientId, string challenge, string state = "state-1", string? scope = "api refresh_token", string? redirectUri = null)
    {
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri ?? Callback,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        };
        if (scope is not null)
        {
            query["scope"] = scope;
        }

        return query;
    }

    public Task<HttpResponseMessage> GetAuthorizeAsync(IReadOnlyDictionary<string, string> query) =>
        _http.GetAsync(new Uri(StandIn.BaseAddress, "services/oauth2/authorize" + QueryString(query)));

    /// <summary>Opens the authorize page, fills in its form and presses a button; the stand-in's answer to that post.</summary>
    public async Task<HttpResponseMessage> SubmitAuthorizePageAsync(IReadOnlyDictionary<string, string> query, string username, string password, string decision = "Allow")
    {
        using var page = await GetAuthorizeAsync(query);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
        var html = await page.Content.ReadAsStringAsync();
        var action = FormAction().Match(html);
        action.Success.ShouldBeTrue(html);

        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["username"] = username;
        fields["password"] = password;
        fields["decision"] = decision;
        using var form = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(StandIn.BaseAddress, WebUtility.HtmlDecode(action.Groups["action"].Value)), form);
    }

    /// <summary>Signs in on the authorize page and returns the code from the redirect.</summary>
    public async Task<string> AuthorizeAsync(string clientId, string challenge, string username, string password, string? scope = "api refresh_token")
    {
        using var answer = await SubmitAuthorizePageAsync(AuthorizeQuery(clientId, challenge, scope: scope), username, password);
        answer.StatusCode.ShouldBe(HttpStatusCode.Found, await answer.Content.ReadAsStringAsync());
        var query = RedirectQuery(answer);
        query["state"].ShouldBe("state-1");
        return query["code"];
    }

    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage answer)
    {
        var location = answer.Headers.Location ?? throw new ShouldAssertException("No Location header.");
        return location.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));
    }

    /// <summary>POST /services/oauth2/token on the login host, or on My Domain.</summary>
    public async Task<TokenAnswer> TokenAsync(IReadOnlyDictionary<string, string> form, bool onMyDomain = false)
    {
        var baseAddress = onMyDomain ? StandIn.MyDomainAddress : StandIn.BaseAddress;
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri(baseAddress, "services/oauth2/token"), content);
        return new TokenAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public Task<TokenAnswer> ExchangeCodeAsync(string clientId, string code, string verifier, string? secret = null, string? redirectUri = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = StandInGrantTypes.AuthorizationCode,
            ["code"] = code,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri ?? Callback,
            ["code_verifier"] = verifier,
        };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        return TokenAsync(form);
    }

    public Task<TokenAnswer> RefreshAsync(string clientId, string refreshToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = StandInGrantTypes.RefreshToken,
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        });

    public Task<TokenAnswer> JwtAsync(string assertion) =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = StandInGrantTypes.JwtBearer, ["assertion"] = assertion });

    public Task<TokenAnswer> ClientCredentialsAsync(string clientId, string secret, bool onMyDomain = true) =>
        TokenAsync(
            new Dictionary<string, string> { ["grant_type"] = StandInGrantTypes.ClientCredentials, ["client_id"] = clientId, ["client_secret"] = secret },
            onMyDomain);

    /// <summary>An access and refresh token for Alice through the web app's code flow.</summary>
    public async Task<TokenAnswer> SignInAliceAsync(string clientId = StandInAccounts.WebAppConsumerKey)
    {
        var (verifier, challenge) = NewPkce();
        var code = await AuthorizeAsync(clientId, challenge, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        var answer = await ExchangeCodeAsync(clientId, code, verifier);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        return answer;
    }

    public async Task<HttpStatusCode> RevokeAsync(string token)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token });
        using var response = await _http.PostAsync(new Uri(StandIn.BaseAddress, "services/oauth2/revoke"), content);
        return response.StatusCode;
    }

    /// <summary>GET with a bearer token: the status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetWithTokenAsync(string pathOrUrl, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(StandIn.BaseAddress, pathOrUrl));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An RS256 JWT bearer assertion, signed with <paramref name="privateKeyPem"/>.</summary>
    public static string Assertion(string privateKeyPem, string issuer, string subject, string audience = "https://login.salesforce.com", TimeSpan? expiresIn = null)
    {
        var claims = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = audience,
            ["exp"] = DateTimeOffset.UtcNow.Add(expiresIn ?? TimeSpan.FromMinutes(3)).ToUnixTimeSeconds(),
        };
        var signedPart = $"{Base64Url.EncodeToString("{\"alg\":\"RS256\"}"u8)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signedPart), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signedPart}.{Base64Url.EncodeToString(signature)}";
    }

    public void Dispose() => _http.Dispose();

    private static string QueryString(IReadOnlyDictionary<string, string> query) =>
        "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\">")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}

/// <summary>A token endpoint answer: status, media type and body, with the JSON fields at hand.</summary>
public sealed record TokenAnswer(HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)?.AsObject() ?? throw new ShouldAssertException($"Not JSON: {Body}");

    public string? this[string field] => Json[field]?.GetValue<string>();

    public string AccessToken => this["access_token"] ?? throw new ShouldAssertException($"No access_token in {Body}");

    public string RefreshToken => this["refresh_token"] ?? throw new ShouldAssertException($"No refresh_token in {Body}");

    /// <summary>Asserts a refusal: its status, error and description.</summary>
    public void ShouldBeError(HttpStatusCode status, string error, string description)
    {
        Status.ShouldBe(status, Body);
        MediaType.ShouldBe("application/json");
        this["error"].ShouldBe(error, Body);
        this["error_description"].ShouldBe(description, Body);
    }

    public void ShouldBeInvalidGrant(string description) => ShouldBeError(HttpStatusCode.BadRequest, "invalid_grant", description);
}
