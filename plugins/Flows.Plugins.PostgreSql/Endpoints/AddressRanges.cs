using System.Net;
using System.Net.Sockets;

namespace Flows.Plugins.PostgreSql.Endpoints;

/// <summary>
/// The address ranges a form may not reach without the operator's permission: this machine, the
/// private networks behind it, link-local (where cloud metadata services answer) and addresses that
/// are not a single remote host at all.
/// </summary>
internal static class AddressRanges
{
    private static readonly (IPNetwork Network, string Kind)[] Forbidden =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "a 'this network' address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fc00::/7"), "a private address"),
        (IPNetwork.Parse("fec0::/10"), "a private address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits; judge that address.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>What kind of internal address <paramref name="address"/> is, or null for an ordinary public one.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = AllowedHost.Normalize(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        foreach (var (network, kind) in Forbidden)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }
}
