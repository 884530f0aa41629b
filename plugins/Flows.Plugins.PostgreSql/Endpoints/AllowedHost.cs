using System.Globalization;
using System.Net;

namespace Flows.Plugins.PostgreSql.Endpoints;

/// <summary>
/// One operator-allowed endpoint from <c>FLOWS_POSTGRES_ALLOWED_HOSTS</c>: a host name or IP address,
/// and a port when one is given (without one, only PostgreSQL's default port 5432 is allowed) —
/// the same rules as <c>FLOWS_SALESFORCE_ALLOWED_HOSTS</c>.
/// </summary>
internal sealed record AllowedHost(string Host, int? Port)
{
    public bool Matches(string host, int port) =>
        string.Equals(Host, host, StringComparison.OrdinalIgnoreCase) && port == (Port ?? PostgreSqlFields.DefaultPort);

    public bool Matches(IPAddress address, int port) =>
        IPAddress.TryParse(Host, out var allowed) && allowed.Equals(Normalize(address)) && port == (Port ?? PostgreSqlFields.DefaultPort);

    /// <summary>
    /// A host as compared everywhere: IDN in its ASCII form, lower-case, no trailing dot, IPv6 without
    /// brackets; null when it is not a plain host name or address.
    /// </summary>
    public static string? NormalizeHost(string text)
    {
        var host = text.Trim();
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (IPAddress.TryParse(host, out var address) && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || host.Count(c => c == '.') == 3))
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
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Parses the comma-separated <c>host[:port]</c> list; entries that do not parse are ignored.</summary>
    public static IReadOnlyList<AllowedHost> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var hosts = new List<AllowedHost>();
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate($"postgresql://{raw}", UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/"
                && NormalizeHost(uri.Host) is { } host)
            {
                var explicitPort = raw.EndsWith(string.Create(CultureInfo.InvariantCulture, $":{uri.Port}"), StringComparison.Ordinal);
                hosts.Add(new AllowedHost(host, explicitPort ? uri.Port : null));
            }
        }

        return hosts;
    }
}
