using System.Net;
using Flows.Contracts;
using Flows.Host.OAuth;
using Flows.Testing.OAuth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Tests.OAuth;

/// <summary>
/// The host's authorizations of a signed-in account, through the account service, the real fixture
/// plugin (<c>fixture.oauth.code</c>), a real store and the generic provider stand-in: one refresh
/// however many checks wait, rotated refresh tokens, refusals, the operator's client, and what the
/// validator is handed.
/// </summary>
public sealed class AccountAuthorizationTests : IAsyncLifetime
{
    private const string TypeId = "fixture.oauth.code";
    private const string Binding = "terminal-binding";
    private const string RefreshGrant = "refresh_token";
    private static readonly Uri Redirect = new("http://127.0.0.1:47113/callback");

    private readonly PluginSandbox _sandbox = new();
    private readonly CapturedLog _log = new();
    private readonly Dictionary<string, string?> _configuration = new(StringComparer.Ordinal);
    private OAuthProviderStandIn _provider = null!;
    private ServiceProvider? _host;

    public AccountAuthorizationTests() => _sandbox.Add(Fixtures.OAuth);

    public async Task InitializeAsync() => _provider = await OAuthProviderStandIn.StartAsync(new OAuthProviderSettings { Authorize = AuthorizeChoice.Allow });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _provider.DisposeAsync();
        _log.Dispose();
        _sandbox.Dispose();
    }

    private ServiceProvider Host => _host ??= new ServiceCollection()
        .AddFlowsPlugins(o =>
        {
            o.HomeDirectory = _sandbox.Home;
            o.BundledPluginsDirectory = _sandbox.Bundled;
            o.ActivationTimeout = TimeSpan.FromSeconds(20);
            o.OutboundAllowedHosts = _provider.HostAndPort;
        })
        .AddFlowsAccounts(new ConfigurationBuilder().AddInMemoryCollection(_configuration).Build())
        .AddLogging(logging => logging.AddProvider(_log).SetMinimumLevel(LogLevel.Trace))
        .BuildServiceProvider();

    private AccountService Service => Host.GetRequiredService<AccountService>();

    private AccountStore Store => Host.GetRequiredService<AccountStore>();

    private FormValues Form(string? clientId = null, string? clientSecret = null) => new FormValues()
        .Add(FormPath.Label, "Fixture")
        .Add("serverUrl", _provider.Origin)
        .Add("clientId", clientId ?? _provider.Settings.ClientId)
        .Add("clientSecret", clientSecret ?? _provider.Settings.ClientSecret!);

    /// <summary>Signs in as the terminal does, the provider allowing at once; the saved account.</summary>
    private async Task<Account> SignInAsync(FormValues? form = null)
    {
        var start = await Service.BeginSignInAsync(TypeId, form ?? Form(), null, null, null, Redirect, Binding, CancellationToken.None);
        var url = start.AuthorizationUrl.ShouldNotBeNull(start.Refused is { } refused ? string.Join("; ", refused.Errors.All()) : null);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var answer = await http.GetAsync(url);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var query = Query(answer.Headers.Location!);

        var completion = await Service.CompleteSignInAsync(query["state"], query["code"], null, null, Binding, CancellationToken.None);

        completion.Result.Saved.ShouldBeTrue(string.Join("; ", completion.Result.Errors.All()));
        return completion.Result.Account!;
    }

    /// <summary>Makes the stored access token one the host knows has expired (and the provider too).</summary>
    private async Task<StoredSignIn> ExpireAsync(Account account)
    {
        var stored = (await Store.GetSignInAsync(account.Id)).ShouldNotBeNull();
        (await Store.ReplaceTokensAsync(account.Id, stored.TokenVersion, stored.Tokens with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) })).ShouldBeTrue();
        _provider.ExpireAccessTokens();
        return (await Store.GetSignInAsync(account.Id)).ShouldNotBeNull();
    }

    private Task<AccountCommandResult[]> Revalidate50Async(Account account) =>
        Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Service.RevalidateAsync(account.Id, CancellationToken.None))));

    private static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty), StringComparer.Ordinal);

    [Fact]
    public async Task Revalidate_50ConcurrentChecksOfAnExpiredSignIn_RefreshOnceAndAllAreValid()
    {
        var account = await SignInAsync();
        await ExpireAsync(account);

        var results = await Revalidate50Async(account);

        _provider.TokenRequests(RefreshGrant).ShouldBe(1);
        results.ShouldAllBe(r => r.Verdict != null && r.Verdict.Outcome == AccountValidationOutcome.Valid);
        (await Store.GetAsync(account.Id))!.Status.Kind.ShouldBe(AccountStatusKind.Valid);
    }

    [Fact]
    public async Task Revalidate_50ConcurrentChecksOfATokenTheProviderDroppedEarly_RefreshOnceAndAllAreValid()
    {
        // The stored token still looks fresh; only the provider's 401 says otherwise.
        var account = await SignInAsync();
        _provider.ExpireAccessTokens();

        var results = await Revalidate50Async(account);

        _provider.TokenRequests(RefreshGrant).ShouldBe(1);
        results.ShouldAllBe(r => r.Verdict != null && r.Verdict.Outcome == AccountValidationOutcome.Valid);
    }

    [Fact]
    public async Task Revalidate_RotatingProvider_StoresTheNewRefreshTokenOnce_AndTheNextRefreshUsesItAndWorks()
    {
        _provider.Settings.RotateRefreshTokens = true;
        var account = await SignInAsync();
        var first = (await ExpireAsync(account)).Tokens.RefreshToken.ShouldNotBeNull();

        var results = await Revalidate50Async(account);

        results.ShouldAllBe(r => r.Verdict != null && r.Verdict.Outcome == AccountValidationOutcome.Valid);
        _provider.TokenRequests(RefreshGrant).ShouldBe(1);
        var second = (await ExpireAsync(account)).Tokens.RefreshToken.ShouldNotBeNull();
        second.ShouldNotBe(first);
        _provider.IsLiveRefreshToken(first).ShouldBeFalse();
        _provider.IsLiveRefreshToken(second).ShouldBeTrue();

        var next = await Service.RevalidateAsync(account.Id, CancellationToken.None);

        next.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Valid, next.Verdict.Message);
        _provider.TokenRequests(RefreshGrant).ShouldBe(2);
        _provider.TokenForms.Last(f => f["grant_type"] == RefreshGrant)["refresh_token"].ShouldBe(second);
        (await Store.GetSignInAsync(account.Id))!.Tokens.RefreshToken.ShouldNotBe(second);
    }

    [Fact]
    public async Task Revalidate_RefreshRefusedAsExpiredOrRevoked_MarksTheAccountInvalidWithSignInAgainAndClearsTheTokens()
    {
        var account = await SignInAsync();
        await ExpireAsync(account);
        _provider.ScriptTokenError("invalid_grant", "expired access/refresh token");

        var result = await Service.RevalidateAsync(account.Id, CancellationToken.None);

        result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.Verdict.Message.ShouldBe("The sign-in has expired or was revoked: sign in again.");
        var stored = (await Store.GetAsync(account.Id)).ShouldNotBeNull();
        stored.Status.Kind.ShouldBe(AccountStatusKind.Invalid);
        stored.Status.Detail.ShouldNotBeNull().ShouldContain("sign in again", Case.Insensitive);
        (await Store.GetSignInAsync(account.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task SignInAndRefresh_WithTheOperatorsClientConfigured_UseItInsteadOfTheAccountsFields()
    {
        _configuration["OAuth:Clients:fixture:ClientId"] = _provider.Settings.ClientId;
        _configuration["OAuth:Clients:fixture:ClientSecret"] = _provider.Settings.ClientSecret;
        var account = await SignInAsync(Form(clientId: "someone-elses-app", clientSecret: "not-the-operators-secret"));
        await ExpireAsync(account);

        var result = await Service.RevalidateAsync(account.Id, CancellationToken.None);

        result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Verdict.Message);
        _provider.TokenForms.Select(f => f["grant_type"]).ShouldBe(["authorization_code", RefreshGrant]);
        _provider.TokenForms.ShouldAllBe(f => f["client_id"] == _provider.Settings.ClientId && f["client_secret"] == _provider.Settings.ClientSecret);
    }

    [Fact]
    public async Task Validator_OfATypeThatDeclaresNothingMore_IsNeverHandedTheRefreshTokenOrTheClientSecret()
    {
        var account = await SignInAsync();
        await ExpireAsync(account);
        (await Service.RevalidateAsync(account.Id, CancellationToken.None)).Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Valid);

        var handed = _log.Entries.Where(e => e.Message.StartsWith("Handed a refresh token", StringComparison.Ordinal)).ToList();

        handed.Count.ShouldBe(2, "the sign-in's check and the refreshed check");
        handed.ShouldAllBe(e => e.Message == "Handed a refresh token: False; a client secret: False");
        var refreshToken = (await Store.GetSignInAsync(account.Id))!.Tokens.RefreshToken!;
        _log.Entries.ShouldAllBe(e => !e.Message.Contains(refreshToken) && !e.Message.Contains(_provider.Settings.ClientSecret!));
    }

    [Fact]
    public async Task Validator_OfATypeThatDeclaresItNeedsThem_IsHandedTheRefreshTokenAndTheClientSecret()
    {
        PluginSandbox.EditManifest(
            Path.Combine(_sandbox.UserPlugins, Path.GetFileName(FixtureFolders.PathOf(Fixtures.OAuth))),
            manifest => manifest["contributes"]!["accounts"]![0]!["oauth"]!["validatorReceives"] = new JsonArray("refreshToken", "clientSecret"));

        await SignInAsync();

        _log.Entries.ShouldContain(e => e.Message == "Handed a refresh token: True; a client secret: True");
    }
}
