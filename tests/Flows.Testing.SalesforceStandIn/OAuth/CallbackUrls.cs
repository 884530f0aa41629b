using System.Net;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>Whether a redirect_uri is one the app registered.</summary>
internal static class CallbackUrls
{
    public static bool IsRegistered(StandInConnectedApp app, string? redirectUri) =>
        redirectUri is not null && app.CallbackUrls.Any(registered => Matches(registered, redirectUri));

    /// <summary>
    /// Exact, except that a loopback IP literal registered without a port matches any port
    /// (RFC 8252 §7.3): a native client listens on whatever port is free.
    /// </summary>
    private static bool Matches(string registered, string requested)
    {
        if (string.Equals(registered, requested, StringComparison.Ordinal))
        {
            return true;
        }

        if (!Uri.TryCreate(registered, UriKind.Absolute, out var r) || !Uri.TryCreate(requested, UriKind.Absolute, out var q))
        {
            return false;
        }

        var loopbackLiteral = IPAddress.TryParse(r.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        return loopbackLiteral
            && r.IsDefaultPort
            && r.Scheme == Uri.UriSchemeHttp
            && q.Scheme == r.Scheme
            && string.Equals(q.Host, r.Host, StringComparison.Ordinal)
            && string.Equals(q.PathAndQuery, r.PathAndQuery, StringComparison.Ordinal)
            && q.Fragment.Length == 0;
    }
}
