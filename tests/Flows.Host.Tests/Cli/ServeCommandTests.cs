using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Flows.Host.Tests.Support;

namespace Flows.Host.Tests.Cli;

/// <summary>`flows serve` as a user starts it: the real executable, a real port.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flows-serve-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_OnAnAddressOtherThanLoopback_WithoutACredential_RefusesAndSaysWhy()
    {
        var run = await FlowsCli.RunAsync(_home, "serve", "--urls", "http://0.0.0.0:0");

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

        var run = await FlowsCli.RunAsync(_home, "serve", "--urls", $"http://127.0.0.1:{port}");

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
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Crashing), Path.Combine(_home, "plugins", "crashing"));
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
        PluginSandbox.CopyDirectory(Fixtures.PathOf(Fixtures.Crashing), Path.Combine(_home, "plugins", "crashing"));
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

    // The real `flows serve` on a free loopback port, once it has said where it listens.
    private async Task<ServeProcess> StartServeAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(FlowsCli.EntryAssembly);
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FLOWS_HOME"] = _home;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line;
            Match match;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    throw new ShouldAssertException("flows serve stopped before saying where it listens: " + await process.StandardError.ReadToEndAsync());
                }

                match = Listening().Match(line);
            }
            while (!match.Success);

            return new ServeProcess(process, new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) });
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private sealed class ServeProcess(Process process, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;

        public int ProcessId => process.Id;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    [GeneratedRegex(@"^Flows is listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex Listening();
}
