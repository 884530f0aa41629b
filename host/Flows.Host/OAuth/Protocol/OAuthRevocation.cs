namespace Flows.Host.OAuth.Protocol;

/// <summary>What became of a revocation, which is best effort: done, or why not in words.</summary>
public sealed record OAuthRevocation(bool Revoked, string? Reason)
{
    public static OAuthRevocation Done { get; } = new(true, null);

    public static OAuthRevocation NotRevoked(string reason) => new(false, reason);
}
