using Microsoft.Playwright;

namespace Flows.Web.BrowserTests.SchemaForms;

/// <summary>
/// Chromium for the schema form tests, started once for them: they need no <c>flows serve</c>, only
/// the pages of Flows.Forms.AspNetCore, served in-process or by the sample app.
/// </summary>
public sealed class SchemaFormsBrowser : IAsyncLifetime
{
    /// <summary>A phone held upright: the narrowest screen the forms are made for.</summary>
    public static readonly ViewportSize Narrow = new() { Width = 360, Height = 740 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(WebUiFixture.Timeout);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A new browser context with one page, 360 px wide unless told otherwise, its relative addresses on <paramref name="site"/>.</summary>
    public Task<BrowserSession> OpenAsync(Uri site, bool javaScript = true)
    {
        ArgumentNullException.ThrowIfNull(site);
        return BrowserSession.OpenAsync(
            _browser ?? throw new InvalidOperationException("The browser is not running."),
            new BrowserNewContextOptions { BaseURL = site.ToString(), ViewportSize = Narrow, JavaScriptEnabled = javaScript });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SchemaFormsInChromium : ICollectionFixture<SchemaFormsBrowser>
{
    public const string Name = "Schema forms in Chromium";
}
