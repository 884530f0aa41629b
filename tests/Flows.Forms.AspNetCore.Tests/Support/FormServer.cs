using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Forms.AspNetCore.Tests.Support;

/// <summary>
/// An app of its own serving one schema form the way the package's readme says to (AddSchemaForms,
/// MapSchemaFormAssets, MapSchemaForm), on Kestrel at a free port of 127.0.0.1, with a first browser.
/// </summary>
internal sealed class FormServer : IAsyncDisposable
{
    public const string FormPath = "/connection";

    private readonly WebApplication _app;
    private readonly Uri _address;
    private readonly List<FormBrowser> _browsers = [];

    private FormServer(WebApplication app, Uri address)
    {
        _app = app;
        _address = address;
        Browser = NewBrowser();
    }

    /// <summary>The browser most tests use.</summary>
    public FormBrowser Browser { get; }

    public HttpClient Client => Browser.Client;

    public static async Task<FormServer> StartAsync(string schema, SchemaFormOptions? options = null, string? uiSchema = null)
    {
        var loaded = FormSchema.Load(schema, uiSchema);
        loaded.Errors.ShouldBeEmpty();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSchemaForms();

        // Keys in memory: a test leaves nothing in the home folder.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        var app = builder.Build();
        app.MapSchemaFormAssets();
        app.MapSchemaForm(FormPath, loaded.Schema!, options);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new FormServer(app, new Uri(address));
    }

    /// <summary>Another browser: cookies of its own.</summary>
    public FormBrowser NewBrowser()
    {
        var browser = new FormBrowser(_address);
        _browsers.Add(browser);
        return browser;
    }

    public Task<FormPage> GetFormAsync() => Browser.GetFormAsync();

    public Task<FormPage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields) => Browser.PostAsync(fields);

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers)
        {
            browser.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
