using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flows.Testing.OAuth;

/// <summary>
/// A generic OAuth 2.0 provider on loopback (real Kestrel, a free port): the second, non-Salesforce
/// provider, with paths unlike Salesforce's. Start one per test and dispose it afterwards; the
/// counters, received forms and scripted answers let a test see and steer what the host does.
/// </summary>
public sealed class OAuthProviderStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OAuthProviderState _state;

    private OAuthProviderStandIn(WebApplication app, OAuthProviderState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The origin without a trailing slash, e.g. http://127.0.0.1:41234.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>"127.0.0.1:41234": what tests put in an allow-list.</summary>
    public string HostAndPort => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public Uri AuthorizeUrl => new(BaseAddress, "oauth/authorize");

    public Uri TokenUrl => new(BaseAddress, "oauth/token");

    public Uri RevokeUrl => new(BaseAddress, "oauth/revoke");

    public Uri IdentityUrl => new(BaseAddress, "api/me");

    public OAuthProviderSettings Settings => _state.Settings;

    /// <summary>Token requests received with <paramref name="grantType"/> (e.g. "refresh_token"), scripted answers included.</summary>
    public int TokenRequests(string grantType) => _state.TokenRequests.GetValueOrDefault(grantType);

    /// <summary>Every token request's form, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenForms => [.. _state.TokenForms];

    /// <summary>Every revocation request's form, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> RevokeForms => [.. _state.RevokeForms];

    /// <summary>The claims of each JWT bearer assertion whose signature verified.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> VerifiedAssertions => [.. _state.Assertions];

    /// <summary>Whether <paramref name="token"/> was revoked.</summary>
    public bool IsRevoked(string token) => _state.Revoked.ContainsKey(token);

    /// <summary>Whether <paramref name="accessToken"/> is still accepted by <c>/api/me</c>.</summary>
    public bool IsLiveAccessToken(string accessToken) =>
        _state.AccessTokens.TryGetValue(accessToken, out var issued) && issued.ExpiresAt > DateTimeOffset.UtcNow;

    /// <summary>Ends every access token issued so far, as their expiry would: the next call with one is answered 401.</summary>
    public void ExpireAccessTokens() => _state.AccessTokens.Clear();

    /// <summary>Whether <paramref name="refreshToken"/> still refreshes.</summary>
    public bool IsLiveRefreshToken(string refreshToken) => _state.RefreshTokens.ContainsKey(refreshToken) && !IsRevoked(refreshToken);

    /// <summary>A refresh token for the settings' user, as a sign-in would have given.</summary>
    public string IssueRefreshToken()
    {
        var token = OAuthProviderState.NewToken("rt");
        _state.RefreshTokens[token] = Settings.User.Subject;
        return token;
    }

    /// <summary>The next token request gets this answer instead of its own.</summary>
    public void ScriptTokenAnswer(int status, string body, string contentType = "application/json") =>
        _state.Scripted.Enqueue(new ScriptedAnswer(status, body, contentType));

    /// <summary>The next token request is refused with <paramref name="error"/> (RFC 6749 §5.2).</summary>
    public void ScriptTokenError(string error, string? description = null, int status = 400) =>
        ScriptTokenAnswer(status, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description }));

    public static async Task<OAuthProviderStandIn> StartAsync(OAuthProviderSettings? settings = null, string url = "http://127.0.0.1:0")
    {
        var state = new OAuthProviderState(settings ?? new OAuthProviderSettings());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OAuthProviderStandIn).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Uri? bound = null;
        new OAuthProviderEndpoints(state, () => bound!).Map(app);
        try
        {
            await app.StartAsync();
            var first = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel reported no bound address.");
            bound = new Uri(first.EndsWith('/') ? first : first + "/");
            return new OAuthProviderStandIn(app, state, bound);
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

    // The owner stops the stand-in by disposing it; the console lifetime would hook the test runner's signals.
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
