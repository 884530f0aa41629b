using System.Net;
using System.Net.Sockets;

namespace Flows.Host.Outbound;

/// <summary>
/// The address ranges a plugin may not reach without the operator's permission: this machine, the
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

    // Tunnelling prefixes carry an IPv4 address that the packets end up at; judge that address.
    // NAT64 (64:ff9b::/96): the last 32 bits. 6to4 (2002::/16): bits 16-47. Teredo (2001::/32): the
    // client address, the last 32 bits inverted.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>What kind of internal address <paramref name="address"/> is, or null for an ordinary public one.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = AllowedEndpoint.Normalize(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address))
            {
                address = new IPAddress(bytes[12..]);
            }
            else if (SixToFour.Contains(address))
            {
                address = new IPAddress(bytes[2..6]);
            }
            else if (Teredo.Contains(address))
            {
                address = new IPAddress(bytes[12..].Select(b => (byte)~b).ToArray());
            }
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
