using System.Net;
using Flows.Contracts;

namespace Flows.Plugins.PostgreSql.Endpoints;

/// <summary>
/// Which addresses a form's host may be reached at, in this connector's words. The host's outbound
/// policy decides: loopback, private, link-local and single-label names are refused unless the host
/// operator — never the form — allows them in <c>FLOWS_POSTGRES_ALLOWED_HOSTS</c>; it resolves the name
/// once and the caller connects to the checked addresses, so a second DNS answer cannot swap in an
/// internal one.
/// </summary>
internal sealed class PostgreSqlHostPolicy(IOutboundPolicy outbound)
{
    public async Task<HostDecision> CheckAsync(string? text, int port, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return HostDecision.Refuse("A host is needed.");
        }

        var decision = await outbound.CheckAsync(text, port, PostgreSqlFields.DefaultPort, cancellationToken).ConfigureAwait(false);
        var host = decision.Host;
        return decision.Refusal switch
        {
            OutboundRefusal.None => HostDecision.Accept(host, decision.Addresses),
            OutboundRefusal.NotAHost => HostDecision.Refuse("Enter only a host name or an IP address, without a scheme, user, port or path."),
            OutboundRefusal.SingleLabelName => HostDecision.Refuse(
                $"'{host}' is a single-label name, which only reaches machines on an internal network. Use the server's full DNS name; internal hosts need the Flows operator's permission ({PostgreSqlFields.AllowedHostsVariable})."),
            OutboundRefusal.InternalAddress => HostDecision.Refuse(
                $"{(IPAddress.TryParse(host, out _) ? $"{host} is {decision.AddressKind}" : $"'{host}' resolves to {decision.AddressKind} ({decision.RefusedAddress})")}. Internal addresses can be reached only when the Flows operator allows them ({PostgreSqlFields.AllowedHostsVariable})."),
            OutboundRefusal.UnknownHost => HostDecision.UnknownHost(host),
            _ => HostDecision.Unresolved(host),
        };
    }
}

/// <summary>Either the checked addresses to connect to (and the host name for TLS), or why not.</summary>
internal sealed record HostDecision(string Host, IReadOnlyList<IPAddress> Addresses, string? Problem, bool Unavailable = false)
{
    public static HostDecision Accept(string host, IReadOnlyList<IPAddress> addresses) => new(host, addresses, null);

    public static HostDecision Refuse(string problem) => new(string.Empty, [], problem);

    public static HostDecision UnknownHost(string host) =>
        new(host, [], $"There is no host named '{host}'. Check the host for typos.");

    public static HostDecision Unresolved(string host) =>
        new(host, [], $"The name '{host}' could not be looked up right now (a DNS problem on this network). Try again later.", Unavailable: true);
}
