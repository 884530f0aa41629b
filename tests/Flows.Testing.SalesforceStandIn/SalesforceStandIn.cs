using Flows.Testing.SalesforceStandIn.Http;
using Flows.Testing.SalesforceStandIn.Rest;
using Flows.Testing.SalesforceStandIn.Soap;
using Flows.Testing.SalesforceStandIn.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Flows.Testing.SalesforceStandIn;

/// <summary>
/// A local Salesforce: a real Kestrel server speaking Salesforce's wire format for SOAP login() and
/// the REST calls a credential check makes. Start one per test (port 0 picks a free port) and
/// dispose it afterwards.
/// </summary>
public sealed class SalesforceStandIn : IAsyncDisposable
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

    public StandInScenario Scenario => _state.Scenario;

    /// <summary>Raw request bodies received so far, in arrival order (empty bodies are not kept).</summary>
    public IReadOnlyList<string> ReceivedBodies => _state.Journal.Bodies;

    /// <summary>SOAP login() calls received for <paramref name="username"/> (case-insensitive, like Salesforce usernames).</summary>
    public int LoginAttempts(string username) => _state.Logins.Attempts(username);

    /// <summary>Revokes an access token (as an admin or an expiry would): REST calls with it now fail with INVALID_SESSION_ID.</summary>
    public void RevokeToken(string token) => _state.Revoked[token] = true;

    /// <summary>Undoes <see cref="RevokeToken"/>.</summary>
    public void UnrevokeToken(string token) => _state.Revoked.TryRemove(token, out _);

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
