namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// Where to send the browser to sign in, and what to keep until it comes back: the state (to match
/// the callback, single use) and the PKCE code verifier (a secret, sent only with the code).
/// </summary>
public sealed class OAuthAuthorizationRequest
{
    public required Uri Url { get; init; }

    public required string State { get; init; }

    public required string CodeVerifier { get; init; }
}
