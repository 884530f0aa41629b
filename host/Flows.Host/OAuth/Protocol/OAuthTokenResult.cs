using System.Diagnostics.CodeAnalysis;

namespace Flows.Host.OAuth.Protocol;

/// <summary>Either the tokens a request obtained or why it did not.</summary>
public sealed class OAuthTokenResult
{
    private OAuthTokenResult(OAuthTokenSet? tokens, OAuthFailure? failure)
    {
        Tokens = tokens;
        Failure = failure;
    }

    public OAuthTokenSet? Tokens { get; }

    public OAuthFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Tokens))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Tokens is not null;

    public static OAuthTokenResult Obtained(OAuthTokenSet tokens) => new(tokens, null);

    public static OAuthTokenResult Failed(OAuthFailure failure) => new(null, failure);

    public static OAuthTokenResult Failed(string message, string? field, OAuthFailureKind kind) => new(null, new OAuthFailure(message, field, kind));
}
