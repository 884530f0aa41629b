using System.Net;

namespace Flows.Contracts;

/// <summary>Why <see cref="IOutboundPolicy.CheckAsync"/> refused an endpoint.</summary>
public enum OutboundRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The text is not a plain host name or IP address (a scheme, user, port, path or odd characters).</summary>
    NotAHost,

    /// <summary>A name without a dot, which only reaches machines on an internal network.</summary>
    SingleLabelName,

    /// <summary>The host is, or resolves to, an internal address (<see cref="OutboundDecision.RefusedAddress"/>).</summary>
    InternalAddress,

    /// <summary>The name does not exist.</summary>
    UnknownHost,

    /// <summary>The name could not be looked up now (a DNS problem); trying later may work.</summary>
    LookupFailed,
}

/// <summary>The host's answer on one endpoint: the checked addresses to connect to, or why not.</summary>
public sealed class OutboundDecision
{
    private OutboundDecision(string host, IReadOnlyList<IPAddress> addresses, OutboundRefusal refusal, string? reason, IPAddress? refusedAddress, string? addressKind)
    {
        Host = host;
        Addresses = addresses;
        Refusal = refusal;
        Reason = reason;
        RefusedAddress = refusedAddress;
        AddressKind = addressKind;
    }

    /// <summary>The host as compared and as used for TLS: IDN in ASCII, lower-case, no trailing dot, IPv6 without brackets; empty when it is not a host at all.</summary>
    public string Host { get; }

    /// <summary>The checked addresses to connect to, IPv4 first; empty when refused.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Whether the endpoint may be reached (at <see cref="Addresses"/>).</summary>
    public bool IsAllowed => Refusal == OutboundRefusal.None;

    /// <summary>Why it was refused, or <see cref="OutboundRefusal.None"/>.</summary>
    public OutboundRefusal Refusal { get; }

    /// <summary>One sentence saying why, and how the operator allows it; null when allowed.</summary>
    public string? Reason { get; }

    /// <summary>For <see cref="OutboundRefusal.InternalAddress"/>: the address refused.</summary>
    public IPAddress? RefusedAddress { get; }

    /// <summary>For <see cref="OutboundRefusal.InternalAddress"/>: what kind of address it is, e.g. "a loopback address".</summary>
    public string? AddressKind { get; }

    /// <summary>The endpoint may be reached at <paramref name="addresses"/>.</summary>
    /// <param name="host">The host as compared (see <see cref="Host"/>).</param>
    /// <param name="addresses">The checked addresses.</param>
    public static OutboundDecision Allow(string host, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(addresses);
        return new(host, addresses, OutboundRefusal.None, null, null, null);
    }

    /// <summary>The endpoint may not be reached.</summary>
    /// <param name="refusal">Why, as a kind.</param>
    /// <param name="host">The host as compared, or empty when the text is not a host.</param>
    /// <param name="reason">Why, in one sentence.</param>
    /// <param name="refusedAddress">The internal address refused, if that is why.</param>
    /// <param name="addressKind">What kind of address that is.</param>
    public static OutboundDecision Refuse(OutboundRefusal refusal, string host, string reason, IPAddress? refusedAddress = null, string? addressKind = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (refusal == OutboundRefusal.None)
        {
            throw new ArgumentException("A refusal needs a reason other than None.", nameof(refusal));
        }

        return new(host, [], refusal, reason, refusedAddress, addressKind);
    }
}
