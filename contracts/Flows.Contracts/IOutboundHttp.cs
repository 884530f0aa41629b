namespace Flows.Contracts;

/// <summary>
/// Outbound HTTP for plugins, imported through MEF with <c>[Import]</c>. Clients it creates apply
/// the host operator's policy: connect and total timeouts, no automatic redirects, the host's
/// user agent. Plugins must use it instead of creating their own <see cref="HttpClient"/>.
/// </summary>
public interface IOutboundHttp
{
    /// <summary>
    /// A client configured by the host's outbound policy. The client is cheap to create and safe
    /// to dispose; connections are pooled by the host.
    /// </summary>
    HttpClient CreateClient();

    /// <summary>The longest a connection attempt may take before it fails.</summary>
    TimeSpan ConnectTimeout { get; }

    /// <summary>The longest one request may take in all.</summary>
    TimeSpan RequestTimeout { get; }
}
