using System.Net;
using Flows.Web.Security;

namespace Flows.Web.Hosting;

/// <summary>
/// The listening rule: anything but loopback needs the access credential. Applied to <c>--urls</c>
/// before Kestrel starts (so a dangerous or impossible address is refused with a sentence, not a
/// stack trace), and again to the addresses Kestrel actually bound, whatever configured them
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c> in appsettings.json or the environment…).
/// </summary>
public static class ListenAddresses
{
    /// <summary>The parsed addresses of <c>--urls</c>, or the reason they cannot be used.</summary>
    public static (IReadOnlyList<Uri> Addresses, string? Problem) Check(string urls, string? accessToken)
    {
        var addresses = new List<Uri>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Parse(text) is not { } uri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return ([], $"'{text}' is not an address to listen on. Use the form http://127.0.0.1:5080.");
            }

            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                return ([], $"'{text}': flows serve speaks plain HTTP. Listen on loopback, or put a TLS-terminating proxy in front of it.");
            }

            if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                return ([], $"'{text}': give only a scheme, host and port (no path).");
            }

            addresses.Add(WithoutIPv4Mapping(uri));
        }

        if (addresses.Count == 0)
        {
            return ([], "No address to listen on was given.");
        }

        var exposed = addresses.FirstOrDefault(a => !IsLoopback(a));
        return exposed is not null && accessToken is null
            ? ([], Refusal(exposed.GetLeftPart(UriPartial.Authority)))
            : (addresses, null);
    }

    /// <summary>
    /// The rule on the addresses the server bound (as Kestrel reports them): whether they are all
    /// loopback, or the reason the server must not run on them.
    /// </summary>
    public static (bool LoopbackOnly, string? Problem) CheckBound(IEnumerable<string> bound, string? accessToken)
    {
        // An address that cannot be read is taken as reachable by anyone.
        var exposed = bound.FirstOrDefault(a => !IsLocalSocket(a) && !(Parse(a) is { } uri && IsLoopback(uri)));
        return exposed is null ? (true, null)
            : accessToken is null ? (false, Refusal(exposed))
            : (false, null);
    }

    /// <summary>Whether only this machine can reach the address.</summary>
    public static bool IsLoopback(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsLoopback
            || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip)
                && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
    }

    private static string Refusal(string address) =>
        $"Refusing to listen on {address}: anyone who can reach that address could read and change your accounts. " +
        $"Listen on 127.0.0.1, or set {FlowsWebOptions.AccessTokenVariable} to a secret that every request must then present " +
        $"({AccessCredentialStrength.HowToMakeOne}).";

    private static Uri? Parse(string text)
    {
        // Kestrel's wildcards ("http://*:80", "http://+:80") are not valid URI hosts; read them as "any address".
        var normalised = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalised, UriKind.Absolute, out var uri) ? uri : null;
    }

    // Kestrel cannot bind an IPv4-mapped IPv6 address (::ffff:127.0.0.1); its IPv4 form is the same place.
    private static Uri WithoutIPv4Mapping(Uri uri) =>
        IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && ip.IsIPv4MappedToIPv6
            ? new UriBuilder(uri) { Host = ip.MapToIPv4().ToString() }.Uri
            : uri;

    // A Unix domain socket is reached through this machine's file system only.
    private static bool IsLocalSocket(string address) =>
        address.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase) || address.StartsWith("https://unix:", StringComparison.OrdinalIgnoreCase);
}
