using System.Net;
using System.Net.Sockets;
using Flows.Contracts;
using Flows.Host.Hosting;

namespace Flows.Host.Outbound;

/// <summary>
/// Decides which addresses a plugin may connect to. Loopback, private, link-local and other internal
/// addresses, and single-label names, are refused unless the host operator allowed the endpoint.
/// Names are resolved here and every address is judged; the caller connects only to the checked
/// addresses, so a second DNS answer cannot swap in an internal one.
/// </summary>
public sealed class OutboundPolicy : IOutboundPolicy
{
    private readonly OutboundAllowList _allowed;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>The policy of <paramref name="pluginId"/> (null: the allow-list for every plugin only).</summary>
    /// <param name="options">Where the operator's allow-lists are read.</param>
    /// <param name="pluginId">The plugin whose own allow-list applies as well.</param>
    /// <param name="resolve">How names are looked up (DNS by default).</param>
    public OutboundPolicy(FlowsHostOptions options, string? pluginId, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
        : this(OutboundAllowList.For(options, pluginId), resolve)
    {
    }

    internal OutboundPolicy(OutboundAllowList allowed, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _allowed = allowed;
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <inheritdoc/>
    public bool IsAllowListed(string host, int port, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(host);
        return AllowedEndpoint.NormalizeHost(host) is { } normalized
            && (_allowed.Allows(normalized, port, defaultPort)
                || (IPAddress.TryParse(normalized, out var address) && _allowed.Allows(address, port, defaultPort)));
    }

    /// <inheritdoc/>
    public async Task<OutboundDecision> CheckAsync(string host, int port, int defaultPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (AllowedEndpoint.NormalizeHost(host) is not { } name)
        {
            return OutboundDecision.Refuse(OutboundRefusal.NotAHost, string.Empty, "Only a host name or an IP address can be connected to.");
        }

        var nameAllowed = _allowed.Allows(name, port, defaultPort);
        if (IPAddress.TryParse(name, out var literal))
        {
            return Judge(name, [literal], port, defaultPort, nameAllowed);
        }

        if (!name.Contains('.', StringComparison.Ordinal) && !nameAllowed)
        {
            return OutboundDecision.Refuse(
                OutboundRefusal.SingleLabelName,
                name,
                $"Flows refused to connect to '{name}': a single-label name only reaches machines on an internal network. The Flows operator can allow it as {name}:{port} in {_allowed.VariablesText}.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(name, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return OutboundDecision.Refuse(OutboundRefusal.UnknownHost, name, $"There is no host named '{name}'.");
        }
        catch (SocketException)
        {
            return OutboundDecision.Refuse(OutboundRefusal.LookupFailed, name, $"The name '{name}' could not be looked up right now (a DNS problem on this network).");
        }

        return addresses.Length == 0
            ? OutboundDecision.Refuse(OutboundRefusal.UnknownHost, name, $"There is no host named '{name}'.")
            : Judge(name, addresses, port, defaultPort, nameAllowed);
    }

    private OutboundDecision Judge(string host, IPAddress[] addresses, int port, int defaultPort, bool nameAllowed)
    {
        var checkedAddresses = new List<IPAddress>();
        foreach (var address in addresses.Select(AllowedEndpoint.Normalize).Distinct())
        {
            var kind = AddressRanges.Classify(address);
            if (kind is not null && !nameAllowed && !_allowed.Allows(address, port, defaultPort))
            {
                var what = IPAddress.TryParse(host, out _) ? $"{host} is {kind}" : $"'{host}' resolves to {kind} ({address})";
                return OutboundDecision.Refuse(
                    OutboundRefusal.InternalAddress,
                    host,
                    $"Flows refused to connect: {what}. The Flows operator can allow it as {Endpoint(host, port)} in {_allowed.VariablesText}.",
                    address,
                    kind);
            }

            checkedAddresses.Add(address);
        }

        // IPv4 first: most servers listen on it, and a name like localhost often lists ::1 first.
        return OutboundDecision.Allow(host, [.. checkedAddresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)]);
    }

    private static string Endpoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
