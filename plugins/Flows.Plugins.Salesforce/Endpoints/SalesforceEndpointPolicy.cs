using System.Net;
using System.Text.RegularExpressions;
using Flows.Contracts;

namespace Flows.Plugins.Salesforce.Endpoints;

/// <summary>Which field a URL came from; they accept different hosts.</summary>
internal enum SalesforceUrlKind
{
    /// <summary>Where to call SOAP login(): the generic login hosts, My Domain, or an instance.</summary>
    Login,

    /// <summary>Where an org's API runs: My Domain or an instance; never the generic login hosts.</summary>
    Instance,
}

/// <summary>
/// Decides whether a URL from a form may be called: https, a Salesforce host matched on whole DNS
/// labels (never substrings), no user-info, no odd port, no IP literal. The host operator — never the
/// form — can allow extra endpoints (tests, demos) with <c>FLOWS_SALESFORCE_ALLOWED_HOSTS</c>, which
/// the host reads and answers for (<see cref="IOutboundPolicy.IsAllowListed"/>); the host also keeps
/// every connection off internal addresses the operator did not allow.
/// </summary>
internal sealed partial class SalesforceEndpointPolicy
{
    private const string LightningSuffix = ".lightning.force.com";

    /// <summary>
    /// Where anyone signs in to Salesforce: the generic login hosts and every org's My Domain
    /// ("*." stands for one or more whole labels). The OAuth declarations in plugin.json list the same hosts.
    /// </summary>
    internal static IReadOnlyList<string> LoginHosts { get; } =
    [
        SalesforceApi.ProductionLoginHost,
        SalesforceApi.SandboxLoginHost,
        "*.my.salesforce.com",
        "*.my.salesforce.mil",
        "*.my.sfcrmproducts.cn",
        "*.my-salesforce.com",
    ];

    private readonly IOutboundPolicy _outbound;

    public SalesforceEndpointPolicy(IOutboundPolicy outbound)
    {
        _outbound = outbound;
    }

    /// <summary>Checks <paramref name="text"/> as the value of the field named <paramref name="fieldTitle"/>.</summary>
    public EndpointDecision Check(string? text, SalesforceUrlKind kind, string fieldTitle)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return EndpointDecision.Reject($"{fieldTitle} is required.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return EndpointDecision.Reject($"{fieldTitle} must be a URL such as {Example(kind)}.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return EndpointDecision.Reject($"{fieldTitle} must not contain a user name or password.");
        }

        var host = NormalizeHost(uri);
        if (_outbound.IsAllowListed(host, uri.Port, uri.Scheme == Uri.UriSchemeHttp ? 80 : 443))
        {
            return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(host))
                ? EndpointDecision.Accept(BaseAddress(uri, host))
                : EndpointDecision.Reject($"{fieldTitle} must start with https://.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return EndpointDecision.Reject($"{fieldTitle} must start with https://.");
        }

        if (uri.HostNameType != UriHostNameType.Dns)
        {
            return EndpointDecision.Reject($"{fieldTitle} must be a Salesforce address, not an IP address.");
        }

        if (!uri.IsDefaultPort)
        {
            return EndpointDecision.Reject($"{fieldTitle} must not name a port: Salesforce answers on the standard HTTPS port.");
        }

        if (host.EndsWith(LightningSuffix, StringComparison.Ordinal) && host.Length > LightningSuffix.Length)
        {
            var myDomain = string.Concat(host.AsSpan(0, host.Length - LightningSuffix.Length), ".my.salesforce.com");
            return EndpointDecision.Reject(
                $"{fieldTitle} is a Lightning address, which only serves the browser. Use https://{myDomain} instead.");
        }

        if (kind == SalesforceUrlKind.Instance && host is SalesforceApi.ProductionLoginHost or SalesforceApi.SandboxLoginHost)
        {
            return EndpointDecision.Reject(
                $"{fieldTitle} is a login address, not the address your org runs at. Use your org's address, e.g. https://yourdomain.my.salesforce.com.");
        }

        if (!IsSalesforceHost(host))
        {
            return EndpointDecision.Reject(
                $"{fieldTitle} must be a Salesforce address such as {Example(kind)}; '{host}' is not one.");
        }

        return EndpointDecision.Accept(BaseAddress(uri, host));
    }

    /// <summary>Whether <paramref name="host"/> (lower-case, no trailing dot) is a host Salesforce runs.</summary>
    internal static bool IsSalesforceHost(string host)
    {
        if (LoginHosts.Any(pattern => Matches(host, pattern)))
        {
            return true;
        }

        const string InstanceSuffix = ".salesforce.com";
        return host.EndsWith(InstanceSuffix, StringComparison.Ordinal)
            && InstanceLabel().IsMatch(host.AsSpan(0, host.Length - InstanceSuffix.Length));
    }

    /// <summary>Whether <paramref name="host"/> is <paramref name="pattern"/>, or lies under a "*.suffix" pattern on whole labels.</summary>
    internal static bool Matches(string host, string pattern)
    {
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return host == pattern;
        }

        // At least one label in front of the suffix: "x.my.salesforce.com", never "evilmy.salesforce.com".
        var suffix = pattern[1..];
        return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.Ordinal);
    }

    /// <summary>A URL's host as compared everywhere: IDN in its ASCII form, lower-case, no trailing dot, IPv6 without brackets.</summary>
    internal static string NormalizeHost(Uri uri) =>
        uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.IdnHost.TrimEnd('.').ToLowerInvariant();

    // Plain http may be used with an allowed endpoint only toward this machine, never across a network.
    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static Uri BaseAddress(Uri uri, string host)
    {
        var builder = new UriBuilder(uri.Scheme, uri.HostNameType == UriHostNameType.IPv6 ? $"[{host}]" : host, uri.Port);
        return builder.Uri;
    }

    private static string Example(SalesforceUrlKind kind) =>
        kind == SalesforceUrlKind.Login ? "https://login.salesforce.com/" : "https://yourdomain.my.salesforce.com";

    // Legacy instance hosts: na12, cs18, ap15, eu40, usa77, optionally with -api.
    [GeneratedRegex("^[a-z]{2,3}[0-9]{1,3}(-api)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex InstanceLabel();
}

/// <summary>Either the base address to call (scheme, host and port only) or why the URL was refused.</summary>
internal sealed record EndpointDecision(Uri? BaseAddress, string? Problem)
{
    public static EndpointDecision Accept(Uri baseAddress) => new(baseAddress, null);

    public static EndpointDecision Reject(string problem) => new(null, problem);
}
