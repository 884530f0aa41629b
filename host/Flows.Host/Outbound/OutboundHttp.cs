using System.Net;
using System.Net.Sockets;
using Flows.Contracts;
using Flows.Host.Hosting;

namespace Flows.Host.Outbound;

/// <summary>
/// The host's outbound HTTP policy, handed to plugins as <see cref="IOutboundHttp"/>: explicit
/// connect and total timeouts, no automatic redirects (a redirect could lead anywhere; callers
/// decide), no cookies, one pooled handler per plugin, and every connection judged by
/// <see cref="OutboundPolicy"/>: the name is resolved once and only a checked address is connected to.
/// </summary>
public sealed class OutboundHttp : IOutboundHttp, IDisposable
{
    // Created on first use: most runs of the host never make an outbound call.
    private readonly Lazy<SocketsHttpHandler> _handler;

    /// <summary>Clients under the operator's allow-list for every plugin only.</summary>
    public OutboundHttp(FlowsHostOptions options)
        : this(options, pluginId: null)
    {
    }

    /// <summary>Clients for <paramref name="pluginId"/>: its own allow-list as well.</summary>
    public OutboundHttp(FlowsHostOptions options, string? pluginId)
        : this(options, new OutboundPolicy(OutboundAllowList.For(options, pluginId)))
    {
    }

    internal OutboundHttp(FlowsHostOptions options, OutboundPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        Policy = policy;
        ConnectTimeout = options.OutboundConnectTimeout;
        RequestTimeout = options.OutboundRequestTimeout;
        _handler = new Lazy<SocketsHttpHandler>(() => new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            ConnectCallback = ConnectAsync,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = true,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
    }

    /// <summary>The address rules these clients connect by.</summary>
    public OutboundPolicy Policy { get; }

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

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var target = context.InitialRequestMessage.RequestUri!;
        var defaultPort = target.Scheme == Uri.UriSchemeHttp ? 80 : 443;
        var targetHost = target.IdnHost.Trim('[', ']');
        if (!string.Equals(endpoint.Host.Trim('[', ']'), targetHost, StringComparison.OrdinalIgnoreCase) || endpoint.Port != target.Port)
        {
            // Through the operator's proxy: the proxy is the operator's to choose; where the request
            // goes is judged as this host resolves it (the proxy resolves it again, out of reach).
            Refuse(await Policy.CheckAsync(targetHost, target.Port, defaultPort, cancellationToken).ConfigureAwait(false));
            return await ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }

        var decision = await Policy.CheckAsync(endpoint.Host, endpoint.Port, defaultPort, cancellationToken).ConfigureAwait(false);
        Refuse(decision);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. decision.Addresses], endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // A name that does not resolve fails as it would without the policy (the caller tells "no such
    // host" apart); a refusal says which host, which address and where the operator allows it.
    private static void Refuse(OutboundDecision decision)
    {
        switch (decision.Refusal)
        {
            case OutboundRefusal.None:
                return;
            case OutboundRefusal.UnknownHost:
                throw new SocketException((int)SocketError.HostNotFound);
            case OutboundRefusal.LookupFailed:
                throw new SocketException((int)SocketError.TryAgain);
            default:
                throw new OutboundRefusedException(decision.Reason!);
        }
    }
}
