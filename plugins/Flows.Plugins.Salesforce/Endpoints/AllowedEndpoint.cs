using System.Net;

namespace Flows.Plugins.Salesforce.Endpoints;

/// <summary>
/// One operator-allowed endpoint from <c>FLOWS_SALESFORCE_ALLOWED_HOSTS</c>: a host, and a port when
/// one is given (without one, only the scheme's default port is allowed).
/// </summary>
internal sealed record AllowedEndpoint(string Host, int? Port)
{
    /// <summary>Whether plain http may be used: only toward this machine, never across a network.</summary>
    public bool IsLoopback =>
        Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    public bool Matches(string host, int port, bool isDefaultPort) =>
        string.Equals(Host, host, StringComparison.OrdinalIgnoreCase) && (Port is { } allowed ? allowed == port : isDefaultPort);

    /// <summary>A URL's host as compared everywhere: IDN in its ASCII form, lower-case, no trailing dot, IPv6 without brackets.</summary>
    public static string NormalizeHost(Uri uri) =>
        uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.IdnHost.TrimEnd('.').ToLowerInvariant();

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
            if (Uri.TryCreate($"http://{raw}", UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/")
            {
                var explicitPort = raw.EndsWith($":{uri.Port}", StringComparison.Ordinal);
                endpoints.Add(new AllowedEndpoint(NormalizeHost(uri), explicitPort ? uri.Port : null));
            }
        }

        return endpoints;
    }
}
