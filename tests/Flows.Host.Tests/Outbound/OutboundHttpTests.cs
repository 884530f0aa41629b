using System.Net;
using System.Net.Sockets;
using System.Text;
using Flows.Host.Hosting;
using Flows.Host.Outbound;

namespace Flows.Host.Tests.Outbound;

/// <summary>Clients from the host's <see cref="OutboundHttp"/> against a real server on loopback.</summary>
public sealed class OutboundHttpTests : IAsyncLifetime
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Task InitializeAsync()
    {
        _listener.Start();
        _serving = ServeAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _listener.Dispose();
    }

    private static FlowsHostOptions Options(string? allowed = null, string? pluginId = null, string? pluginAllowed = null)
    {
        var options = new FlowsHostOptions { OutboundAllowedHosts = allowed, OutboundConnectTimeout = TimeSpan.FromSeconds(5), OutboundRequestTimeout = TimeSpan.FromSeconds(10) };
        options.PluginAllowedHosts.Clear();
        if (pluginId is not null && pluginAllowed is not null)
        {
            options.PluginAllowedHosts[pluginId] = pluginAllowed;
        }

        return options;
    }

    [Fact]
    public async Task CreateClient_ToLoopback_IsRefused_SayingWhichHostAndAddressAndHowToAllowIt()
    {
        using var http = new OutboundHttp(Options());
        using var client = http.CreateClient();

        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/")));

        refused.InnerException.ShouldBeOfType<OutboundRefusedException>();
        refused.Message.ShouldContain($"127.0.0.1 is a loopback address. The Flows operator can allow it as 127.0.0.1:{Port} in FLOWS_OUTBOUND_ALLOWED_HOSTS.");
    }

    [Fact]
    public async Task CreateClient_ToLocalhostByName_IsRefused()
    {
        using var http = new OutboundHttp(Options());
        using var client = http.CreateClient();

        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(new Uri($"http://localhost:{Port}/")));

        refused.Message.ShouldContain("'localhost'");
    }

    [Fact]
    public async Task CreateClient_ToAnEndpointTheOperatorAllowed_Connects()
    {
        using var http = new OutboundHttp(Options($"127.0.0.1:{Port}"));
        using var client = http.CreateClient();

        (await client.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/"))).ShouldBe("reachable");
    }

    [Fact]
    public async Task CreateClient_APluginsOwnAllowList_CoversThatPluginOnly()
    {
        var options = Options(pluginId: "flows.salesforce", pluginAllowed: $"localhost:{Port}");
        using var salesforce = new OutboundHttp(options, "flows.salesforce");
        using var other = new OutboundHttp(options, "acme.connector");
        using var allowed = salesforce.CreateClient();
        using var refused = other.CreateClient();

        (await allowed.GetStringAsync(new Uri($"http://localhost:{Port}/"))).ShouldBe("reachable");
        await Should.ThrowAsync<HttpRequestException>(() => refused.GetStringAsync(new Uri($"http://localhost:{Port}/")));
    }

    [Fact]
    public async Task CreateClient_AnUnknownName_FailsAsANameResolutionError_AsWithoutThePolicy()
    {
        using var http = new OutboundHttp(Options());
        using var client = http.CreateClient();

        var failed = await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(new Uri("https://nosuchhost.invalid/")));

        failed.HttpRequestError.ShouldBe(HttpRequestError.NameResolutionError);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = connection.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer, _stop.Token);
            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nreachable");
            await stream.WriteAsync(answer, _stop.Token);
        }
    }
}
