namespace Flows.Testing.SalesforceStandIn;

/// <summary>A REST access token known in advance (login() sessions are added at run time).</summary>
public sealed record StandInToken
{
    public required string Value { get; init; }

    /// <summary>Whose session this is; null for tokens that are never valid.</summary>
    public string? Username { get; init; }

    public TokenBehaviour Behaviour { get; init; }

    /// <summary>One line for the demo table.</summary>
    public string Description { get; init; } = "";
}
