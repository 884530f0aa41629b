using Flows.Host.OAuth;

namespace Flows.Host.Accounts;

/// <summary>What may be shown of an account's OAuth sign-in: never a token.</summary>
/// <param name="Identity">Who signed in ("ada@example.com"), when the provider said.</param>
/// <param name="SignedInAt">When the person (or the host, for server-to-server flows) signed in.</param>
/// <param name="ExpiresAt">When the stored access token expires; null when unknown or there is none.</param>
public sealed record AccountSignInInfo(string? Identity, DateTimeOffset SignedInAt, DateTimeOffset? ExpiresAt);

/// <summary>An account's tokens, decrypted, and the version they are stored at.</summary>
/// <param name="Tokens">The tokens and what the provider said with them.</param>
/// <param name="TokenVersion">
/// At least 1; goes up at every write of the account's tokens (sign-in, refresh, sign-out) and never
/// goes back. <see cref="AccountStore.ReplaceTokensAsync"/> stores new tokens only over this version.
/// </param>
public sealed record StoredSignIn(OAuthTokenSet Tokens, long TokenVersion);

/// <summary>An account's tokens cannot be decrypted (missing or wrong key, changed data); no token is ever returned half read.</summary>
public sealed class AccountTokensUnavailableException(string accountId, string label, string reason)
    : AccountStoreException($"The sign-in of account '{label}' (id {accountId}) cannot be read: {reason} Sign in again to use the account.")
{
    public string AccountId { get; } = accountId;

    public string Reason { get; } = reason;
}
