using System.Net;
using Flows.Contracts;
using Flows.Host.Hosting;

namespace Flows.Host.Outbound;

/// <summary>
/// The host's outbound HTTP policy, handed to plugins as <see cref="IOutboundHttp"/>: explicit
/// connect and total timeouts, no automatic redirects (a redirect could lead anywhere; callers
/// decide), no cookies, one pooled handler for the whole process.
/// </summary>
public sealed class OutboundHttp : IOutboundHttp, IDisposable
{
    // Created on first use: most runs of the host never make an outbound call.
    private readonly Lazy<SocketsHttpHandler> _handler;

    public OutboundHttp(FlowsHostOptions options)
    {
        ConnectTimeout = options.OutboundConnectTimeout;
        RequestTimeout = options.OutboundRequestTimeout;
        _handler = new Lazy<SocketsHttpHandler>(() => new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = true,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
    }

    public TimeSpan ConnectTimeout { get; }

    public TimeSpan RequestTimeout { get; }

    public HttpClient CreateClient()
    {
        var client = new HttpClient(_handler.Value, disposeHandler: false) { Timeout = RequestTimeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"Flows/{HostVersion}");
        return client;
    }

    public void Dispose()
    {
        if (_handler.IsValueCreated)
        {
            _handler.Value.Dispose();
        }
    }

    private static string HostVersion => typeof(OutboundHttp).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
