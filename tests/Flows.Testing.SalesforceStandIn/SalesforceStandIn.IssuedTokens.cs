namespace Flows.Testing.SalesforceStandIn;

public sealed partial class SalesforceStandIn
{
    /// <summary>Every token answer given so far, oldest first (read-only: for looking for tokens where they must not appear).</summary>
    public IReadOnlyList<StandInIssuedToken> IssuedTokens => _state.Issued.All;
}
