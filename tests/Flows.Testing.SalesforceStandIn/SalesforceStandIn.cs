using Flows.Testing.SalesforceStandIn.Http;
using Flows.Testing.SalesforceStandIn.OAuth;
using Flows.Testing.SalesforceStandIn.Rest;
using Flows.Testing.SalesforceStandIn.Soap;
using Flows.Testing.SalesforceStandIn.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Flows.Testing.SalesforceStandIn;

/// <summary>
/// A local Salesforce: a real Kestrel server speaking Salesforce's wire format for SOAP login(),
/// the REST calls a credential check makes and OAuth 2.0 (authorize, token, revoke, identity).
/// Start one per test (port 0 picks a free port) and dispose it afterwards.
/// </summary>
/// <remarks>
/// One address plays two Salesforce hosts, told apart by the Host header: <see cref="BaseAddress"/>
/// (127.0.0.1) is login.salesforce.com, and <see cref="MyDomainAddress"/> (the same port under
/// <see cref="StandInScenario.MyDomainHost"/>, "localhost" by default) is the org's My Domain, the
/// only host where the client-credentials flow works. Every other endpoint answers on both.
/// </remarks>
public sealed partial class SalesforceStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StandInState _state;

    private SalesforceStandIn(WebApplication app, StandInState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>"127.0.0.1:41234": what tests put in FLOWS_SALESFORCE_ALLOWED_HOSTS.</summary>
    public string HostAndPort => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>The org's My Domain: the same server under <see cref="StandInScenario.MyDomainHost"/>, e.g. http://localhost:41234/.</summary>
    public Uri MyDomainAddress => new UriBuilder(BaseAddress) { Host = _state.Scenario.MyDomainHost }.Uri;

    /// <summary>"localhost:41234": the allow-list entry for <see cref="MyDomainAddress"/>.</summary>
    public string MyDomainHostAndPort => $"{_state.Scenario.MyDomainHost}:{BaseAddress.Port}";

    public StandInScenario Scenario => _state.Scenario;

    /// <summary>Raw request bodies received so far, in arrival order (empty bodies are not kept).</summary>
    public IReadOnlyList<string> ReceivedBodies => _state.Journal.Bodies;

    /// <summary>SOAP login() calls received for <paramref name="username"/> (case-insensitive, like Salesforce usernames).</summary>
    public int LoginAttempts(string username) => _state.Logins.Attempts(username);

    /// <summary>Revokes an access token (as an admin or an expiry would): REST calls with it now fail with INVALID_SESSION_ID.</summary>
    public void RevokeToken(string token) => _state.Revoked[token] = true;

    /// <summary>Undoes <see cref="RevokeToken"/>.</summary>
    public void UnrevokeToken(string token) => _state.Revoked.TryRemove(token, out _);

    /// <summary>Ends an access token's session, as its timeout would: the next REST call with it answers 401 INVALID_SESSION_ID.</summary>
    public void ExpireAccessToken(string token) => RevokeToken(token);

    /// <summary>Expires a refresh token (its policy ran out): refreshing with it answers invalid_grant "expired access/refresh token"; its access tokens live on.</summary>
    public void ExpireRefreshToken(string refreshToken)
    {
        if (!_state.RefreshTokens.Expire(refreshToken))
        {
            throw new ArgumentException("The stand-in never issued that refresh token.", nameof(refreshToken));
        }
    }

    /// <summary>Revokes a refresh token as an admin would in Setup: it and every access token it produced stop working.</summary>
    public void RevokeRefreshToken(string refreshToken)
    {
        var accessTokens = _state.RefreshTokens.Revoke(refreshToken)
            ?? throw new ArgumentException("The stand-in never issued that refresh token.", nameof(refreshToken));
        foreach (var accessToken in accessTokens)
        {
            RevokeToken(accessToken);
        }
    }

    /// <summary>Token requests received with this grant_type (see <see cref="StandInGrantTypes"/>), refused ones included.</summary>
    public int TokenRequests(string grantType) => _state.OAuth.TokenRequests(grantType);

    /// <summary>Whether a client revoked this access or refresh token through /services/oauth2/revoke.</summary>
    public bool WasRevoked(string token) => _state.OAuth.WasRevoked(token);

    /// <summary>The query parameters of the last GET /services/oauth2/authorize; null before the first.</summary>
    public IReadOnlyDictionary<string, string>? LastAuthorizeRequest => _state.OAuth.LastAuthorizeRequest;

    /// <param name="scenario">Defaults to <see cref="StandInScenario.Default"/>.</param>
    /// <param name="url">Kestrel URL; port 0 binds a free port.</param>
    public static async Task<SalesforceStandIn> StartAsync(StandInScenario? scenario = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        scenario ??= StandInScenario.Default;
        scenario.Validate();
        var state = new StandInState(scenario);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SalesforceStandIn).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        if (Environment.GetEnvironmentVariable("FLOWS_STANDIN_LOG") != "1")
        {
            builder.Logging.ClearProviders();
        }

        var app = builder.Build();
        app.UseRequestBodyCapture(state.Journal);
        new SoapLoginEndpoint(state).Map(app);
        new RestEndpoints(state).Map(app);
        new OAuthEndpoints(state).Map(app);

        try
        {
            await app.StartAsync(ct);
            var baseAddress = BoundAddress(app);
            state.SetBaseUrl(baseAddress);
            return new SalesforceStandIn(app, state, baseAddress);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The real address: with port 0 only the server knows which port it got.</summary>
    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }
}
