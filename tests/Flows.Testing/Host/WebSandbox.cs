using Flows.Host.Hosting;
using Flows.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Flows.Testing;

/// <summary>
/// The real web host (Kestrel on a free loopback port) over a <see cref="PluginSandbox"/>, with a
/// client that talks to it over HTTP. Cookies are kept, as a browser does.
/// </summary>
public sealed class WebSandbox : IAsyncDisposable
{
    private WebSandbox(PluginSandbox plugins, WebApplication app, HttpClient client, CapturedLog log)
    {
        Plugins = plugins;
        App = app;
        Client = client;
        Log = log;
    }

    public PluginSandbox Plugins { get; }

    public WebApplication App { get; }

    /// <summary>Talks to the server; does not follow redirects, so tests see them.</summary>
    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    /// <summary>What the server logged, at every level.</summary>
    public CapturedLog Log { get; }

    /// <summary>Starts a server. <paramref name="setup"/> adds plugins to the sandbox before the host reads them.</summary>
    /// <param name="configure">Changes the web options (limits) before the server is built.</param>
    /// <param name="configureHost">Changes the host options (such as the outbound allow-list) after the sandbox's.</param>
    public static async Task<WebSandbox> StartAsync(
        Action<PluginSandbox>? setup = null, string? accessToken = null, string urls = "http://127.0.0.1:0", Action<FlowsWebOptions>? configure = null, Action<FlowsHostOptions>? configureHost = null)
    {
        var plugins = new PluginSandbox();
        setup?.Invoke(plugins);
        var options = new FlowsWebOptions { Urls = urls, AccessToken = accessToken };
        configure?.Invoke(options);
        var log = new CapturedLog();
        var app = FlowsWebHost.Build(
            options,
            host =>
            {
                host.HomeDirectory = plugins.Home;
                host.BundledPluginsDirectory = plugins.Bundled;
                host.ActivationTimeout = TimeSpan.FromSeconds(20);
                configureHost?.Invoke(host);
            },
            logging =>
            {
                logging.AddProvider(log);
                logging.SetMinimumLevel(LogLevel.Debug);
            });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = address,
        };
        return new WebSandbox(plugins, app, client, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Plugins.Dispose();
    }
}
