using System.Net;

namespace Flows.Web.Hosting;

/// <summary>
/// Reads <c>--urls</c> before Kestrel does, so that a dangerous or impossible address is refused with
/// a sentence instead of a stack trace.
/// </summary>
public static class ListenAddresses
{
    /// <summary>The parsed addresses, or the reason they cannot be used.</summary>
    public static (IReadOnlyList<Uri> Addresses, string? Problem) Check(string urls, string? accessToken)
    {
        var addresses = new List<Uri>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ("http://*:80", "http://+:80") are not valid URI hosts; read them as "any address".
            var normalised = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
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

            addresses.Add(uri);
        }

        if (addresses.Count == 0)
        {
            return ([], "No address to listen on was given.");
        }

        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            if (accessToken is null)
            {
                return ([], $"Refusing to listen on {exposed[0].GetLeftPart(UriPartial.Authority)}: anyone who can reach that address could read and change your accounts. " +
                    $"Listen on 127.0.0.1, or set {FlowsWebOptions.AccessTokenVariable} to a secret of at least {FlowsWebOptions.MinimumAccessTokenLength} characters that every request must then present.");
            }
        }

        if (accessToken is not null && accessToken.Length < FlowsWebOptions.MinimumAccessTokenLength)
        {
            return ([], $"{FlowsWebOptions.AccessTokenVariable} is too short to protect anything: use at least {FlowsWebOptions.MinimumAccessTokenLength} characters.");
        }

        return (addresses, null);
    }

    /// <summary>Whether only this machine can reach the address.</summary>
    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
