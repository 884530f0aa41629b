namespace Flows.Contracts;

/// <summary>
/// Where a plugin may connect, imported through MEF with <c>[Import]</c>. The host refuses private,
/// loopback, link-local and other internal addresses unless its operator allowed the endpoint (in
/// <c>FLOWS_OUTBOUND_ALLOWED_HOSTS</c>, or a connector's own list). Clients from
/// <see cref="IOutboundHttp"/> already apply it; a plugin that opens connections itself (a database
/// driver) asks here first and connects only to the addresses it gets back.
/// </summary>
public interface IOutboundPolicy
{
    /// <summary>
    /// Resolves <paramref name="host"/> once and judges every address it has. Connect only to
    /// <see cref="OutboundDecision.Addresses"/>, keeping <see cref="OutboundDecision.Host"/> for TLS,
    /// so a second DNS answer cannot swap in an internal address.
    /// </summary>
    /// <param name="host">A host name or IP address, as the user typed it.</param>
    /// <param name="port">The port to connect to.</param>
    /// <param name="defaultPort">The protocol's usual port (5432 for PostgreSQL, 443 for HTTPS): an allow-list entry without a port allows only this one.</param>
    /// <param name="cancellationToken">Stops the name lookup.</param>
    Task<OutboundDecision> CheckAsync(string host, int port, int defaultPort, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the operator allow-listed this endpoint: for a connector with domain rules of its own
    /// (only its service's hosts) that lets the operator's endpoints through as well.
    /// </summary>
    /// <param name="host">A host name or IP address.</param>
    /// <param name="port">The port to connect to.</param>
    /// <param name="defaultPort">The protocol's usual port: an allow-list entry without a port allows only this one.</param>
    bool IsAllowListed(string host, int port, int defaultPort);
}
