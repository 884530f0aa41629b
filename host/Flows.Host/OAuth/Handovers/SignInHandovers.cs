namespace Flows.Host.OAuth.Handovers;

/// <summary>
/// Sealed, single-use hand-overs between the steps of a browser sign-in: what one request puts under
/// a key (a sign-in's <c>state</c>, an outcome's id) is taken once, by the browser it is bound to,
/// before it expires — on this node, or with a shared store on any node of it.
/// </summary>
public abstract class SignInHandovers
{
    /// <summary>Keeps <paramref name="payload"/> under <paramref name="kind"/> and <paramref name="key"/> until <paramref name="expiresAt"/>.</summary>
    /// <exception cref="InvalidOperationException">Too many hand-overs are waiting (an endless stream of abandoned starts).</exception>
    internal abstract Task PutAsync(string kind, string key, string binding, byte[] payload, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// The payload, removed so it cannot be taken twice; or why there is none. A payload bound to
    /// another browser is left in place: the browser it belongs to may still take it.
    /// </summary>
    internal abstract Task<HandoverTake> TakeAsync(string kind, string key, string binding, CancellationToken cancellationToken);
}

/// <summary>A taken payload, or (<see cref="Refusal"/>) why none was given.</summary>
internal sealed record HandoverTake(byte[]? Payload, HandoverRefusal Refusal)
{
    public static HandoverTake Of(byte[] payload) => new(payload, HandoverRefusal.None);

    public static HandoverTake Refused(HandoverRefusal refusal) => new(null, refusal);
}

/// <summary>Why a hand-over was not given.</summary>
internal enum HandoverRefusal
{
    None,

    /// <summary>Never put, already taken, or swept long after it expired.</summary>
    Unknown,

    /// <summary>Put for another browser; left in place for it.</summary>
    OtherBrowser,

    /// <summary>Taken too late: it is gone now.</summary>
    Expired,

    /// <summary>Sealed under a key this node does not have (the nodes' account keys differ); it is gone now.</summary>
    Unreadable,
}
