namespace Flows.Testing.SalesforceStandIn;

/// <summary>One successful answer of the token endpoint: whose it is and the tokens it carried.</summary>
/// <param name="RefreshToken">Null when the answer carried none (JWT bearer, client credentials, a refresh that does not rotate).</param>
public sealed record StandInIssuedToken(string ConsumerKey, string Username, string AccessToken, string? RefreshToken);
