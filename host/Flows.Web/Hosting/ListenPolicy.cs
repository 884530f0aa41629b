namespace Flows.Web.Hosting;

/// <summary>
/// What the addresses the server bound allow: nothing is answered until they have been checked,
/// and when they are all loopback the Host header must name loopback too.
/// </summary>
internal sealed class ListenPolicy
{
    private volatile Decision? _decision;

    /// <summary>Whether the bound addresses have been checked and found acceptable.</summary>
    public bool IsOpen => _decision is not null;

    /// <summary>Whether the server listens on loopback only (then the Host header is checked).</summary>
    public bool LoopbackOnly => _decision?.LoopbackOnly ?? true;

    public void Open(bool loopbackOnly) => _decision = new Decision(loopbackOnly);

    private sealed record Decision(bool LoopbackOnly);
}
