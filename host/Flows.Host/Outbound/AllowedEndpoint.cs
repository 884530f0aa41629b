using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Flows.Host.Outbound;

/// <summary>
/// One operator-allowed endpoint from an allow-list variable: a host name or IP address, and a port
/// when one is given (without one, only the protocol's default port is allowed).
/// </summary>
internal sealed record AllowedEndpoint(string Host, int? Port)
{
    public bool Matches(string host, int port, int defaultPort) =>
        string.Equals(Host, host, StringComparison.OrdinalIgnoreCase) && port == (Port ?? defaultPort);

    public bool Matches(IPAddress address, int port, int defaultPort) =>
        IPAddress.TryParse(Host, out var allowed) && allowed.Equals(Normalize(address)) && port == (Port ?? defaultPort);

    /// <summary>
    /// A host as compared everywhere: IDN in its ASCII form, lower-case, no trailing dot, IPv6 without
    /// brackets; null when it is not a plain host name or address.
    /// </summary>
    public static string? NormalizeHost(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var host = text.Trim();
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (IPAddress.TryParse(host, out var address) && (address.AddressFamily == AddressFamily.InterNetworkV6 || host.Count(c => c == '.') == 3))
        {
            // Only the dotted-quad and IPv6 forms count as addresses: "10.1" or "0x7f.1" are how
            // hostile input hides an internal address, and are refused as names below.
            return Normalize(address).ToString();
        }

        host = host.TrimEnd('.');
        if (host.Length == 0 || host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') && c < 128))
        {
            return null;
        }

        try
        {
            return new IdnMapping().GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) compare as the IPv4 address they carry.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Parses the comma-separated <c>host[:port]</c> list; entries that do not parse are ignored.</summary>
    public static IReadOnlyList<AllowedEndpoint> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var endpoints = new List<AllowedEndpoint>();
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate($"flows://{raw}", UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/"
                && uri.Query.Length == 0 && uri.Fragment.Length == 0 && NormalizeHost(uri.Host) is { } host)
            {
                var explicitPort = uri.Port > 0 && raw.EndsWith(string.Create(CultureInfo.InvariantCulture, $":{uri.Port}"), StringComparison.Ordinal);
                endpoints.Add(new AllowedEndpoint(host, explicitPort ? uri.Port : null));
            }
        }

        return endpoints;
    }
}
