namespace Flows.Testing.SalesforceStandIn;

public sealed partial class SalesforceStandIn
{
    /// <summary>Every token answer given so far, oldest first (read-only: for looking for tokens where they must not appear).</summary>
    public IReadOnlyList<StandInIssuedToken> IssuedTokens => _state.Issued.All;

    /// <summary>The last token answer given to <paramref name="username"/>; null when none was.</summary>
    public StandInIssuedToken? LastIssuedTo(string username) =>
        _state.Issued.All.LastOrDefault(t => string.Equals(t.Username, username, StringComparison.OrdinalIgnoreCase));
}
