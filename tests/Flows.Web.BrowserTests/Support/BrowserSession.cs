using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Flows.Web.BrowserTests.Support;

/// <summary>
/// One test's browser context and page, watched from the first request: every dialog (none may
/// open), uncaught script error and console error (a Content-Security-Policy violation is one).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly ConcurrentDictionary<int, bool> _expectedStatuses = new();

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            _dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            // A refused form comes back with status 422 on purpose, and the server has no favicon.ico:
            // Chromium logs both as errors. Anything else (a CSP violation, a 404 for an injected image) counts.
            if (message.Type == "error"
                && !message.Text.Contains("status of 422", StringComparison.Ordinal)
                && !message.Location.Contains("/favicon.ico:", StringComparison.Ordinal)
                && !_expectedStatuses.Keys.Any(status => message.Text.Contains($"status of {status}", StringComparison.Ordinal)))
            {
                _consoleErrors.Enqueue($"{message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => _pageErrors.Enqueue(error.ToString());
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(WebUiFixture.Timeout);
        context.SetDefaultNavigationTimeout(WebUiFixture.Timeout);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>A page answered with this status is what the test expects (Chromium logs it as an error).</summary>
    public void ExpectStatus(int status) => _expectedStatuses[status] = true;

    /// <summary>No dialog opened, no script failed, the console logged no error (no CSP violation).</summary>
    public void ShouldBeClean()
    {
        _dialogs.ShouldBeEmpty("a dialog opened");
        _pageErrors.ShouldBeEmpty("a script failed");
        _consoleErrors.ShouldBeEmpty("the console logged errors");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
