namespace Flows.Host.OAuth.Protocol;

/// <summary>Why a token request did not give tokens, in words, the account field to blame, and what the user can do.</summary>
public sealed record OAuthFailure(string Message, string? Field, OAuthFailureKind Kind);

/// <summary>What a failed token request means for the account.</summary>
public enum OAuthFailureKind
{
    /// <summary>The settings or the grant are wrong: the account needs a change.</summary>
    Invalid,

    /// <summary>A passing problem (rate limit, maintenance, no answer): nothing is wrong with the account.</summary>
    TryLater,

    /// <summary>The refresh token was refused as expired or revoked: the person must sign in again.</summary>
    SignInAgain,
}
