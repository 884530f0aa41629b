using System.Security.Cryptography;
using System.Text.Json;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Outbound;
using Flows.Host.Plugins.Manifests;
using Flows.Testing.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flows.Host.Tests.OAuth;

/// <summary>
/// An <see cref="OAuthClient"/> as the host builds it (the plugin's outbound clients, the operator's
/// clients), its log captured, and the generic declaration the tests drive it with.
/// </summary>
internal sealed class OAuthHarness : IDisposable
{
    public const string PluginId = "acme.generic";
    public const string ClientId = "flows-test-client";
    public const string ClientSecret = "canary-client-secret-7f3a9c";

    private readonly ILoggerFactory _loggers;

    public OAuthHarness(string? allowed = null, TimeSpan? timeout = null, Action<OAuthOptions>? operatorSettings = null)
    {
        var host = new FlowsHostOptions { OutboundConnectTimeout = TimeSpan.FromSeconds(5), OutboundRequestTimeout = timeout ?? TimeSpan.FromSeconds(15) };
        host.PluginAllowedHosts.Clear();
        if (allowed is not null)
        {
            host.PluginAllowedHosts[PluginId] = allowed;
        }

        var oauth = new OAuthOptions();
        operatorSettings?.Invoke(oauth);
        Outbound = new PluginOutbound(host);
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(Log).SetMinimumLevel(LogLevel.Trace));
        Client = new OAuthClient(Outbound, TimeProvider.System, Options.Create(oauth), _loggers.CreateLogger<OAuthClient>());
    }

    /// <summary>Against a running stand-in, which the plugin's allow-list lets it reach.</summary>
    public OAuthHarness(OAuthProviderStandIn provider, TimeSpan? timeout = null, Action<OAuthOptions>? operatorSettings = null)
        : this(provider.HostAndPort, timeout, operatorSettings)
    {
    }

    public OAuthClient Client { get; }

    public PluginOutbound Outbound { get; }

    public CapturedLog Log { get; } = new();

    /// <summary>The generic provider's declaration: every endpoint built from the account's login URL.</summary>
    public static OAuthDeclaration Declaration(OAuthFlow flow = OAuthFlow.AuthorizationCode, IReadOnlyList<string>? hosts = null) => new()
    {
        Provider = "Acme ID",
        Flow = flow,
        AuthorizationUrl = flow == OAuthFlow.AuthorizationCode ? "{loginUrl}/oauth/authorize" : null,
        TokenUrl = "{loginUrl}/oauth/token",
        RevocationUrl = "{loginUrl}/oauth/revoke",
        IdentityUrl = "{token.identity_url}",
        IdentityClaims = ["preferred_username", "email"],
        Scopes = ["profile", "offline_access"],
        Parameters = new Dictionary<string, string> { ["prompt"] = "login consent" },
        Client = new OAuthClientDeclaration { ConfigKey = "acme", IdField = "clientId", SecretField = "clientSecret" },
        Jwt = flow == OAuthFlow.JwtBearer
            ? new OAuthJwtDeclaration { SubjectField = "username", PrivateKeyField = "privateKey", Audience = "{loginUrl}", LifetimeSeconds = 180 }
            : null,
        Hosts = hosts ?? ["*.acme-id.example"],
    };

    /// <summary>An account of the generic provider's type, signed in at <paramref name="provider"/>.</summary>
    public static JsonObject Account(OAuthProviderStandIn provider, string? secret = ClientSecret) => new()
    {
        ["label"] = "Acme",
        ["loginUrl"] = provider.Origin,
        ["clientId"] = ClientId,
        ["clientSecret"] = secret,
    };

    /// <summary>Starts a stand-in whose app is the harness's client.</summary>
    public static Task<OAuthProviderStandIn> StartProviderAsync(Action<OAuthProviderSettings>? configure = null)
    {
        var settings = new OAuthProviderSettings { ClientId = ClientId, ClientSecret = ClientSecret, Authorize = AuthorizeChoice.Allow };
        configure?.Invoke(settings);
        return OAuthProviderStandIn.StartAsync(settings);
    }

    public OAuthContext Context(OAuthDeclaration declaration, JsonObject account)
    {
        var resolution = Client.Resolve(PluginId, declaration, account);
        resolution.Failure.ShouldBeNull();
        return resolution.Context!;
    }

    /// <summary>Signs in as a browser would: follows the authorization URL to the redirect and exchanges the code.</summary>
    public async Task<(OAuthTokenResult Result, OAuthAuthorizationRequest Request, string Code)> SignInAsync(OAuthContext context, Uri? redirect = null)
    {
        redirect ??= new Uri("http://127.0.0.1:5080/oauth/callback");
        var request = Client.BeginAuthorization(context, redirect);
        var back = await FollowAsync(request.Url);
        var query = Query(back);
        query["state"].ShouldBe(request.State);
        var code = query["code"];
        return (await Client.ExchangeCodeAsync(context, code, request.CodeVerifier, redirect, CancellationToken.None), request, code);
    }

    /// <summary>Where the authorization endpoint sends the browser back to.</summary>
    public static async Task<Uri> FollowAsync(Uri authorizationUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(authorizationUrl);
        ((int)answer.StatusCode).ShouldBe(302);
        return answer.Headers.Location!;
    }

    public static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);

    /// <summary>Everything the client logged, formatted, with exceptions.</summary>
    public IEnumerable<string> LogLines => Log.Entries.Select(e => e.ToString());

    public static (string PrivatePem, string PublicPem) NewRsaKey(bool pkcs1 = false)
    {
        using var rsa = RSA.Create(2048);
        return (pkcs1 ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose()
    {
        _loggers.Dispose();
        Outbound.Dispose();
    }
}
