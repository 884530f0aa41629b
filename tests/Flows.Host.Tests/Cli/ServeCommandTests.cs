using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
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
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(FlowsCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FlowsCli").Value!);
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FLOWS_HOME"] = _home;
        using var process = Process.Start(start)!;
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

            using var client = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
            page.ShouldContain("<h1>Connectors</h1>");
            page.ShouldContain("Salesforce.com account", customMessage: "the bundled connector is offered");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"^Flows is listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex Listening();
}
