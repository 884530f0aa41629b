using System.Net;
using System.Net.Sockets;

namespace Flows.Cli.Tests;

/// <summary>`flows serve` as a user starts it: the real executable, a real port.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private const string Credential = "mV7qT2xK9pR4wN8cZ1bH6dL3sF0gJ5yA";

    private readonly string _home = Path.Combine(Path.GetTempPath(), "flows-serve-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Theory]
    [InlineData("Kestrel__Endpoints__Http__Url", "http://0.0.0.0:{0}")]
    [InlineData("Kestrel__Endpoints__Http__Url", "http://[::]:{0}")]
    [InlineData("Kestrel__Endpoints__Http__Url", "http://*:{0}")]
    [InlineData("Kestrel__Endpoints__Other__Url", "http://0.0.0.0:{0}")]
    [InlineData("ASPNETCORE_Kestrel__Endpoints__Http__Url", "http://0.0.0.0:{0}")]
    public async Task Serve_BoundToAllInterfacesByTheEnvironment_WithoutACredential_RefusesAndNeverServesTheAccounts(string variable, string address)
    {
        var port = FreePort();

        var (run, answers) = await RunWhilePollingAsync(port, new Dictionary<string, string> { [variable] = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, port) });

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("Refusing to listen on http://");
        run.Error.ShouldContain($":{port}: anyone who can reach that address could read and change your accounts");
        run.Error.ShouldContain("FLOWS_ACCESS_TOKEN");
        answers.ShouldAllBe(status => status == HttpStatusCode.ServiceUnavailable, "nothing is served before the server stops");
    }

    [Fact]
    public async Task Serve_BoundToAllInterfacesByAnAppSettingsFileBesideTheExecutable_WithoutACredential_RefusesAndNeverServesTheAccounts()
    {
        var port = FreePort();
        var copy = _home + "-app";
        FixtureFolders.Copy(Path.GetDirectoryName(FlowsCommand.EntryAssembly)!, copy);
        File.WriteAllText(Path.Combine(copy, "appsettings.json"), "{\"Kestrel\":{\"Endpoints\":{\"Http\":{\"Url\":\"http://0.0.0.0:" + port + "\"}}}}");
        try
        {
            var (run, answers) = await RunWhilePollingAsync(port, new Dictionary<string, string>(), Path.Combine(copy, "flows.dll"));

            run.ExitCode.ShouldBe(2, run.ToString());
            run.Error.ShouldContain($"Refusing to listen on http://0.0.0.0:{port}");
            answers.ShouldAllBe(status => status == HttpStatusCode.ServiceUnavailable, "nothing is served before the server stops");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://0.0.0.0:{0}")]
    [InlineData("DOTNET_URLS", "http://0.0.0.0:{0}")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "{0}")]
    public async Task Serve_WithUrlsFromTheEnvironment_ListensOnLoopbackOnly(string variable, string value)
    {
        var port = FreePort();

        await using var server = await StartServeAsync(new Dictionary<string, string> { [variable] = string.Format(System.Globalization.CultureInfo.InvariantCulture, value, port) });

        server.Addresses.ShouldAllBe(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        foreach (var address in NonLoopbackAddresses())
        {
            (await TryGetAsync(new Uri($"http://{address}:{port}/api/accounts"), host: null)).ShouldBeNull($"nothing answers on {address}:{port}");
        }
    }

    [Fact]
    public async Task Serve_BoundToAllInterfacesByTheEnvironment_WithACredential_ServesTheAccountsOnlyToThoseWhoPresentIt()
    {
        var port = FreePort();

        await using var server = await StartServeAsync(new Dictionary<string, string> { ["Kestrel__Endpoints__Http__Url"] = $"http://0.0.0.0:{port}", ["FLOWS_ACCESS_TOKEN"] = Credential });

        server.Addresses.ShouldBe([$"http://0.0.0.0:{port}"]);
        foreach (var address in NonLoopbackAddresses().Append(IPAddress.Loopback))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://{address}:{port}") };
            using var anonymous = await client.GetAsync(new Uri("/api/accounts", UriKind.Relative));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts") { Headers = { Authorization = new("Bearer", Credential) } };
            using var signedIn = await client.SendAsync(request);

            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"on {address}");
            signedIn.StatusCode.ShouldBe(HttpStatusCode.OK, $"on {address}");
        }
    }

    [Fact]
    public async Task Serve_AskedForAllInterfacesButBoundToLoopbackOnly_ChecksTheHostHeaderAsOnLoopback()
    {
        var port = FreePort();

        await using var server = await StartServeAsync(
            new Dictionary<string, string> { ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{port}", ["FLOWS_ACCESS_TOKEN"] = Credential },
            urls: "http://0.0.0.0:0");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts") { Headers = { Authorization = new("Bearer", Credential), Host = "attacker.example" } };
        using var answer = await server.Client.SendAsync(request);

        server.Addresses.ShouldBe([$"http://127.0.0.1:{port}"]);
        answer.StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
    }

    [Fact]
    public async Task Serve_OnAnIPv4MappedLoopbackAddress_ListensOnLoopback()
    {
        var port = FreePort();

        await using var server = await StartServeAsync(urls: $"http://[::ffff:127.0.0.1]:{port}");

        server.Addresses.ShouldBe([$"http://127.0.0.1:{port}"]);
        (await server.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative))).ShouldBe("ok");
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "only 1 different character")]
    [InlineData("passwordpasswordpasswordpassword", "only 7 different characters")]
    [InlineData("short-but-Mixed-42", "bits, and at least 128 are needed")]
    public async Task Serve_WithAnAccessCredentialThatIsEasyToGuess_RefusesAndSaysHowToMakeOne(string credential, string reason)
    {
        var run = await FlowsCommand.RunAsync(_home, new Dictionary<string, string> { ["FLOWS_ACCESS_TOKEN"] = credential }, "serve", "--urls", "http://127.0.0.1:0");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("FLOWS_ACCESS_TOKEN is too easy to guess");
        run.Error.ShouldContain(reason);
        run.Error.ShouldContain("openssl rand -base64 32");
        run.Error.ShouldNotContain(credential, customMessage: "the credential itself is never printed");
    }

    [Fact]
    public async Task Serve_OnAnAddressOtherThanLoopback_WithoutACredential_RefusesAndSaysWhy()
    {
        var run = await FlowsCommand.RunAsync(_home, "serve", "--urls", "http://0.0.0.0:0");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("Refusing to listen on http://0.0.0.0:0");
        run.Error.ShouldContain("FLOWS_ACCESS_TOKEN");
    }

    [Fact]
    public async Task Serve_OnABusyPort_SaysSoAndExits()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await FlowsCommand.RunAsync(_home, "serve", "--urls", $"http://127.0.0.1:{port}");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("the port is in use");
    }

    [Fact]
    public async Task Serve_PrintsTheAddressItListensOn_AndAnswersThere()
    {
        await using var server = await StartServeAsync();

        var page = await server.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        page.ShouldContain("<h1>Connectors</h1>");
        page.ShouldContain("Salesforce.com account", customMessage: "the bundled connector is offered");
    }

    [Fact]
    public async Task Serve_WhenAPluginEndsItsProcessWhileValidating_AnswersUnavailableAndKeepsServing()
    {
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Crashing), Path.Combine(_home, "plugins", "crashing"));
        await using var server = await StartServeAsync();

        using var crashed = await server.Client.PostAsync(new Uri("/api/accounts", UriKind.Relative), CrashingAccount("Crashed", "exit"));
        var health = await server.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        using var fine = await server.Client.PostAsync(new Uri("/api/accounts", UriKind.Relative), CrashingAccount("Fine", "fine"));

        var problem = await crashed.Content.ReadAsStringAsync();
        crashed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, problem);
        problem.ShouldContain("The connector stopped while checking the account (exit code 3).");
        health.ShouldBe("ok");
        var account = await fine.Content.ReadAsStringAsync();
        fine.StatusCode.ShouldBe(HttpStatusCode.Created, account);
        account.ShouldContain("fine checked in process ");
        account.ShouldNotContain($"fine checked in process {server.ProcessId}\"", customMessage: "the plugin ran in a worker, not in the server");
    }

    [Fact]
    public async Task Serve_DoesNotHandThePluginWorkerTheAccountKey()
    {
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Crashing), Path.Combine(_home, "plugins", "crashing"));
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var server = await StartServeAsync(new Dictionary<string, string> { ["FLOWS_SECRET_KEY"] = key });

        using var answer = await server.Client.PostAsync(new Uri("/api/accounts", UriKind.Relative), CrashingAccount("Environment", "environment"));

        var account = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, account);
        account.ShouldContain("sees []");
    }

    private static StringContent CrashingAccount(string label, string host) => new(
        $$"""{"accountTypeId":"fixture-crashing.basic","label":"{{label}}","values":{"host":"{{host}}","apiKey":"k-1"},"validate":true}""",
        System.Text.Encoding.UTF8,
        "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<IPAddress> NonLoopbackAddresses() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();

    // The status of GET address, or null when nothing answers there.
    private static async Task<HttpStatusCode?> TryGetAsync(Uri address, string? host)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    // Runs `flows serve` (expected to refuse) while asking /api/accounts on every local address at
    // the port it may bind, as an attacker would, until it exits; returns every answer received.
    private async Task<(CliRun Run, List<HttpStatusCode> Answers)> RunWhilePollingAsync(int port, Dictionary<string, string> environment, string? entryAssembly = null)
    {
        var run = entryAssembly is null
            ? FlowsCommand.RunAsync(_home, environment, "serve")
            : RunCopyAsync(entryAssembly, environment);
        var answers = new List<HttpStatusCode>();
        var targets = NonLoopbackAddresses().Append(IPAddress.Loopback).Select(a => new Uri($"http://{a}:{port}/api/accounts")).ToList();
        while (!run.IsCompleted)
        {
            foreach (var target in targets)
            {
                if (await TryGetAsync(target, host: "127.0.0.1") is { } status)
                {
                    answers.Add(status);
                }
            }

            await Task.Delay(10);
        }

        return (await run, answers);
    }

    private async Task<CliRun> RunCopyAsync(string entryAssembly, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(entryAssembly);
        start.ArgumentList.Add("serve");
        start.Environment["FLOWS_HOME"] = _home;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    // The real `flows serve`, once it has said where it listens (a free loopback port unless told otherwise).
    private Task<FlowsServer> StartServeAsync(IReadOnlyDictionary<string, string>? environment = null, string urls = "http://127.0.0.1:0") =>
        FlowsServer.StartAsync(_home, environment, urls);
}
