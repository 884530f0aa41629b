using Flows.Testing.SalesforceStandIn;
using Microsoft.Playwright;

namespace Flows.Web.BrowserTests.Support;

/// <summary>
/// Started once for every browser test: the Salesforce stand-in, the real `flows serve` with its own
/// FLOWS_HOME (holding the hostile fixture, the published-spec corpus and a plugin already known to fault), and Chromium.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    /// <summary>Generous: a 2-core machine validating through a plugin load and a stand-in round trip.</summary>
    public const float Timeout = 30_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flows-browser-tests", Guid.NewGuid().ToString("N"));
    private SalesforceStandIn? _standIn;
    private FlowsServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SalesforceStandIn StandIn => _standIn ?? throw new InvalidOperationException("The stand-in is not running.");

    public FlowsServer Server => _server ?? throw new InvalidOperationException("flows serve is not running.");

    /// <summary>The server's FLOWS_HOME: its database and settings files.</summary>
    public string Home => Path.Combine(_root, "home");

    /// <summary>The stand-in's address, used as Login URL and Instance URL.</summary>
    public string SalesforceUrl => StandIn.BaseAddress.ToString();

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture that failed to start; the server process must not outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        var home = Home;
        FixtureFolders.CopyInto(Path.Combine(home, "plugins"), FixturePlugins.Hostile, FixturePlugins.ThrowingConstructor, FixturePlugins.FormShapes, CorpusForms.Folder);

        _standIn = await SalesforceStandIn.StartAsync();
        var environment = ServerEnvironment();

        // The throwing plugin faults on activation; activating it once now means the server starts
        // with that failure remembered, as it would be after any earlier use.
        var inspected = await FlowsCommand.RunAsync(home, environment, "plugins", "inspect", FixturePlugins.ThrowingConstructorId, "--activate");
        inspected.ExitCode.ShouldBe(1, inspected.ToString());

        _server = await FlowsServer.StartAsync(home, environment);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// Another <c>flows serve</c> with an empty FLOWS_HOME of its own, talking to the same stand-in, with
    /// <paramref name="settings"/> added to its environment (e.g. a setting the shared server must not have).
    /// </summary>
    public Task<FlowsServer> StartAnotherServerAsync(IReadOnlyDictionary<string, string> settings)
    {
        var environment = ServerEnvironment();
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var home = Directory.CreateDirectory(Path.Combine(_root, "other-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        return FlowsServer.StartAsync(home, environment);
    }

    /// <summary>A new browser context (its own cookies) with one page, opened on the server (or on <paramref name="server"/>).</summary>
    public Task<BrowserSession> OpenAsync(BrowserNewContextOptions? options = null, FlowsServer? server = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = (server ?? Server).BaseAddress.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 1000, Height = 800 };
        return BrowserSession.OpenAsync(_browser ?? throw new InvalidOperationException("The browser is not running."), options);
    }

    private Dictionary<string, string> ServerEnvironment() => new() { ["FLOWS_SALESFORCE_ALLOWED_HOSTS"] = StandIn.HostAndPort };

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process on its way out; the temporary folder is cleaned later.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebUiTests : ICollectionFixture<WebUiFixture>
{
    public const string Name = "Web UI in Chromium";
}
