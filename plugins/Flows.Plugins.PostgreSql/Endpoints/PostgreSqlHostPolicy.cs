using System.Net;
using System.Net.Sockets;

namespace Flows.Plugins.PostgreSql.Endpoints;

/// <summary>
/// Decides which addresses a form's host may be reached at. Loopback, private, link-local and
/// single-label names are refused unless the host operator — never the form — allows them in
/// <c>FLOWS_POSTGRES_ALLOWED_HOSTS</c>. Names are resolved here and every address is checked, and the
/// caller connects to the checked addresses, so a second DNS answer cannot swap in an internal one.
/// </summary>
internal sealed class PostgreSqlHostPolicy
{
    private readonly IReadOnlyList<AllowedHost> _allowed;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public PostgreSqlHostPolicy(IReadOnlyList<AllowedHost> allowed, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _allowed = allowed;
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <summary>The policy with the operator's allow-list read from the environment now.</summary>
    public static PostgreSqlHostPolicy FromEnvironment() =>
        new(AllowedHost.ParseList(Environment.GetEnvironmentVariable(PostgreSqlFields.AllowedHostsVariable)));

    public async Task<HostDecision> CheckAsync(string? text, int port, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return HostDecision.Refuse("A host is needed.");
        }

        if (AllowedHost.NormalizeHost(text) is not { } host)
        {
            return HostDecision.Refuse("Enter only a host name or an IP address, without a scheme, user, port or path.");
        }

        var nameAllowed = _allowed.Any(a => a.Matches(host, port));
        if (IPAddress.TryParse(host, out var literal))
        {
            return Judge(host, [literal], port, nameAllowed);
        }

        if (!host.Contains('.', StringComparison.Ordinal) && !nameAllowed)
        {
            return HostDecision.Refuse(
                $"'{host}' is a single-label name, which only reaches machines on an internal network. Use the server's full DNS name; internal hosts need the Flows operator's permission ({PostgreSqlFields.AllowedHostsVariable}).");
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return HostDecision.UnknownHost(host);
        }
        catch (SocketException)
        {
            return HostDecision.Unresolved(host);
        }

        return addresses.Length == 0 ? HostDecision.UnknownHost(host) : Judge(host, addresses, port, nameAllowed);
    }

    private HostDecision Judge(string host, IPAddress[] addresses, int port, bool nameAllowed)
    {
        var checkedAddresses = new List<IPAddress>();
        foreach (var address in addresses.Select(AllowedHost.Normalize).Distinct())
        {
            var kind = AddressRanges.Classify(address);
            if (kind is not null && !nameAllowed && !_allowed.Any(a => a.Matches(address, port)))
            {
                var what = IPAddress.TryParse(host, out _) ? $"{host} is {kind}" : $"'{host}' resolves to {kind} ({address})";
                return HostDecision.Refuse(
                    $"{what}. Internal addresses can be reached only when the Flows operator allows them ({PostgreSqlFields.AllowedHostsVariable}).");
            }

            checkedAddresses.Add(address);
        }

        // IPv4 first: most servers listen on it, and a name like localhost often lists ::1 first.
        return HostDecision.Accept(host, [.. checkedAddresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)]);
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
