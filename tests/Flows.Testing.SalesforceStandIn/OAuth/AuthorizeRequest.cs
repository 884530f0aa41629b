namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>The parameters of an authorize request, carried from the GET to the page's POST in hidden fields.</summary>
internal sealed record AuthorizeRequest(
    string? ResponseType,
    string? ClientId,
    string? RedirectUri,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? State,
    string? Scope,
    string? Prompt)
{
    public static AuthorizeRequest From(IReadOnlyDictionary<string, string> parameters) => new(
        parameters.GetValueOrDefault("response_type"),
        parameters.GetValueOrDefault("client_id"),
        parameters.GetValueOrDefault("redirect_uri"),
        parameters.GetValueOrDefault("code_challenge"),
        parameters.GetValueOrDefault("code_challenge_method"),
        parameters.GetValueOrDefault("state"),
        parameters.GetValueOrDefault("scope"),
        parameters.GetValueOrDefault("prompt"));

    /// <summary>The parameters that were present, by their wire names.</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        (string, string?)[] all =
        [
            ("response_type", ResponseType), ("client_id", ClientId), ("redirect_uri", RedirectUri),
            ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod),
            ("state", State), ("scope", Scope), ("prompt", Prompt),
        ];
        return all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }
}
