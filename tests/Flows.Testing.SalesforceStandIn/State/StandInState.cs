namespace Flows.Testing.SalesforceStandIn.State;

/// <summary>What the endpoints of one running stand-in share: the scenario and the run-time state.</summary>
internal sealed class StandInState(StandInScenario scenario)
{
    private string? _baseUrl;

    public StandInScenario Scenario { get; } = scenario;

    public LoginLedger Logins { get; } = new();

    public SessionRegistry Sessions { get; } = new();

    public RequestJournal Journal { get; } = new();

    public AuthorizationCodes Codes { get; } = new();

    public RefreshTokens RefreshTokens { get; } = new();

    public OAuthLedger OAuth { get; } = new();

    public IssuedTokens Issued { get; } = new();

    /// <summary>Tokens an admin revoked (or that expired) since start: they answer 401 from now on.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Revoked { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Known once Kestrel has bound its port; until then (a request racing start-up) the request's
    /// own scheme and host stand in, which is the same address for any client that found the port.
    /// </summary>
    public string BaseUrl(HttpContext context) =>
        Volatile.Read(ref _baseUrl) ?? $"{context.Request.Scheme}://{context.Request.Host}";

    public void SetBaseUrl(Uri baseAddress) => Volatile.Write(ref _baseUrl, baseAddress.GetLeftPart(UriPartial.Authority));
}
