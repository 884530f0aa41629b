using Flows.Host.Outbound;

namespace Flows.Host.Tests.Plugins;

public sealed class OutboundOptionsTests
{
    [Fact]
    public void OutboundTimeouts_DefaultToTenSecondsToConnectAndThirtyInAll()
    {
        using var http = new OutboundHttp(new FlowsHostOptions { OutboundConnectTimeout = TimeSpan.FromSeconds(10), OutboundRequestTimeout = TimeSpan.FromSeconds(30) });
        using var client = http.CreateClient();

        client.Timeout.ShouldBe(TimeSpan.FromSeconds(30));
        http.ConnectTimeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("4.5", 4.5)]
    [InlineData("not a number", 30)]
    [InlineData("-1", 30)]
    public void OutboundTimeout_TheOperatorCanSetItInTheEnvironment(string value, double expectedSeconds)
    {
        var options = new FlowsHostOptions();

        FlowsConfiguration.Configure(options, FlowsConfiguration.FromEnvironment(new System.Collections.Hashtable { [FlowsHostOptions.RequestTimeoutVariable] = value }));

        options.OutboundRequestTimeout.ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public async Task OutboundClients_HandRedirectsBackToThePluginInsteadOfFollowingThem()
    {
        // A one-shot HTTP server on loopback that redirects anywhere.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync();
            await using var stream = connection.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            var answer = "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
            await stream.WriteAsync(answer);
        });
        // The test server is on loopback, which the operator has to allow.
        using var http = new OutboundHttp(new FlowsHostOptions { OutboundAllowedHosts = $"127.0.0.1:{port}" });
        using var client = http.CreateClient();

        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        await serve;

        ((int)response.StatusCode).ShouldBe(302);
        response.Headers.Location!.Host.ShouldBe("169.254.169.254");
        client.DefaultRequestHeaders.UserAgent.ToString().ShouldStartWith("Flows/");
    }
}
