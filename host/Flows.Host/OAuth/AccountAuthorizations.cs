using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Manifests;
using Microsoft.Extensions.Logging;

namespace Flows.Host.OAuth;

/// <summary>
/// The access tokens validators get. A stored account's token is used while it has more than a
/// minute to live and refreshed otherwise, with one refresh in flight per account however many
/// callers wait for it; the rotated refresh token is stored once. A refresh the provider refuses
/// marks the account invalid with "Sign in again". Server-to-server flows simply obtain a new token.
/// </summary>
public sealed partial class AccountAuthorizations(OAuthClient client, AccountStore store, TimeProvider time, ILogger<AccountAuthorizations> logger)
{
    /// <summary>How long a token whose provider does not say (Salesforce's) is trusted before it is refreshed.</summary>
    public static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(60);

    // A token this close to its end is refreshed first: the check using it takes seconds.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<AuthorizationAttempt>>> _refreshing = new(StringComparer.Ordinal);

    /// <summary>
    /// The authorization for a Save &amp; Validate: server-to-server flows obtain a token with the values
    /// as typed; a browser sign-in account uses its stored one (or must be signed in first).
    /// </summary>
    public async Task<AuthorizationAttempt> ForCheckAsync(AccountTypeInfo type, JsonObject values, Account? existing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var oauth = type.OAuth ?? throw new ArgumentException($"{type.Id} does not sign in with OAuth.", nameof(type));
        if (oauth.Flow == OAuthFlow.AuthorizationCode)
        {
            return existing is null
                ? AuthorizationAttempt.Failed(new OAuthFailure($"Sign in with {oauth.Provider} to check this account.", null, OAuthFailureKind.Invalid))
                : await ForAccountAsync(type, existing, refusedAccessToken: null, cancellationToken).ConfigureAwait(false);
        }

        var resolution = client.Resolve(type.Plugin.Id, oauth, values);
        if (resolution.Context is not { } context)
        {
            return AuthorizationAttempt.Failed(resolution.Failure!);
        }

        var obtained = await client.ObtainAsync(context, cancellationToken).ConfigureAwait(false);
        return obtained.Tokens is { } tokens
            ? new AuthorizationAttempt(ToAuthorization(oauth, context, WithExpiry(tokens)), WithExpiry(tokens), null, FromStore: false)
            : AuthorizationAttempt.Failed(obtained.Failure!);
    }

    /// <summary>
    /// A fresh authorization for a stored account. <paramref name="refusedAccessToken"/>: the access
    /// token the provider just refused; a stored one that is still it is refreshed, however fresh it looks
    /// (a stored one that differs was refreshed by another check meanwhile, and is used).
    /// </summary>
    public async Task<AuthorizationAttempt> ForAccountAsync(AccountTypeInfo type, Account account, string? refusedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(account);
        var oauth = type.OAuth ?? throw new ArgumentException($"{type.Id} does not sign in with OAuth.", nameof(type));
        var resolution = client.Resolve(type.Plugin.Id, oauth, account.GetValues());
        if (resolution.Context is not { } context)
        {
            return AuthorizationAttempt.Failed(resolution.Failure!);
        }

        StoredSignIn? stored;
        try
        {
            stored = await store.GetSignInAsync(account.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (AccountTokensUnavailableException unreadable)
        {
            return AuthorizationAttempt.Failed(new OAuthFailure(unreadable.Message, null, OAuthFailureKind.SignInAgain));
        }

        if (stored is { Tokens: { AccessToken: { } access } tokens } && IsFresh(tokens) && access != refusedAccessToken)
        {
            return new AuthorizationAttempt(ToAuthorization(oauth, context, tokens), null, null, FromStore: true);
        }

        if (stored is null && oauth.Flow == OAuthFlow.AuthorizationCode)
        {
            return AuthorizationAttempt.Failed(new OAuthFailure($"Sign in with {oauth.Provider}: this account has no sign-in yet.", null, OAuthFailureKind.SignInAgain));
        }

        // Callers that arrive while a refresh runs wait for it instead of starting their own.
        // Not bound to the first caller's token: the others wait for the same refresh; the client's own timeouts end it.
        var flight = new Lazy<Task<AuthorizationAttempt>>(() => RefreshAsync(oauth, context, account, stored, CancellationToken.None));
        var running = _refreshing.GetOrAdd(account.Id, flight);
        try
        {
            return await running.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshing.TryRemove(new KeyValuePair<string, Lazy<Task<AuthorizationAttempt>>>(account.Id, running));
        }
    }

    /// <summary>Revokes a deleted account's tokens at its provider: best effort, the outcome in words (null when there was nothing to revoke).</summary>
    public async Task<(string? Outcome, bool Revoked)> RevokeAsync(AccountTypeInfo type, Account account, OAuthTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(tokens);
        var token = tokens.RefreshToken ?? tokens.AccessToken;
        if (type.OAuth is not { RevocationUrl: not null } oauth || token is null || !account.SecretsAvailable)
        {
            return (null, false);
        }

        var resolution = client.Resolve(type.Plugin.Id, oauth, account.GetValues());
        if (resolution.Context is not { } context)
        {
            return ($"The sign-in could not be revoked at {oauth.Provider}: {resolution.Failure!.Message}", false);
        }

        var revocation = await client.RevokeAsync(context, token, cancellationToken).ConfigureAwait(false);
        return revocation.Revoked
            ? ($"The sign-in was revoked at {oauth.Provider}.", true)
            : ($"The sign-in could not be revoked at {oauth.Provider} ({revocation.Reason}); revoke it there if it matters.", false);
    }

    /// <summary>What a validator receives: the access token, the provider's answer, and what the type declares it needs.</summary>
    internal static AccountAuthorization ToAuthorization(OAuthDeclaration oauth, OAuthContext context, OAuthTokenSet tokens) =>
        new(tokens.AccessToken!, tokens.TokenType, tokens.ExpiresAt, tokens.Properties)
        {
            RefreshToken = oauth.ValidatorReceives.Contains(OAuthValidatorInput.RefreshToken) ? tokens.RefreshToken : null,
            ClientSecret = oauth.ValidatorReceives.Contains(OAuthValidatorInput.ClientSecret) ? context.ClientSecret : null,
        };

    /// <summary>The tokens with an expiry the host can act on: the provider's, or <see cref="AssumedLifetime"/> from now.</summary>
    public OAuthTokenSet WithExpiry(OAuthTokenSet tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.ExpiresAt is null ? tokens with { ExpiresAt = time.GetUtcNow() + AssumedLifetime } : tokens;
    }

    private bool IsFresh(OAuthTokenSet tokens) => tokens.ExpiresAt is not { } expires || expires - time.GetUtcNow() > RefreshMargin;

    private async Task<AuthorizationAttempt> RefreshAsync(
        OAuthDeclaration oauth, OAuthContext context, Account account, StoredSignIn? stored, CancellationToken cancellationToken)
    {
        // Another caller may have refreshed between our read and our turn.
        StoredSignIn? current;
        try
        {
            current = await store.GetSignInAsync(account.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (AccountTokensUnavailableException unreadable)
        {
            return AuthorizationAttempt.Failed(new OAuthFailure(unreadable.Message, null, OAuthFailureKind.SignInAgain));
        }

        if (current is { Tokens: { AccessToken: not null } latest } && stored is not null && current.TokenVersion != stored.TokenVersion && IsFresh(latest))
        {
            return new AuthorizationAttempt(ToAuthorization(oauth, context, latest), null, null, FromStore: false);
        }

        var result = oauth.Flow == OAuthFlow.AuthorizationCode
            ? await client.RefreshAsync(context, current?.Tokens.RefreshToken ?? string.Empty, cancellationToken).ConfigureAwait(false)
            : await client.ObtainAsync(context, cancellationToken).ConfigureAwait(false);
        if (result.Tokens is not { } tokens)
        {
            var failure = result.Failure!;
            LogRefreshRefused(logger, account.Id, failure.Kind);
            if (failure.Kind == OAuthFailureKind.SignInAgain)
            {
                await store.ClearTokensAsync(account.Id, cancellationToken).ConfigureAwait(false);
                await store.SetStatusAsync(account.Id, AccountStatus.Invalid(failure.Message, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            return AuthorizationAttempt.Failed(failure);
        }

        tokens = WithExpiry(tokens with { SignedInAt = current?.Tokens.SignedInAt ?? tokens.SignedInAt, Identity = tokens.Identity ?? current?.Tokens.Identity });
        var saved = current is null
            ? await store.ReplaceTokensAsync(account.Id, 0, tokens, cancellationToken).ConfigureAwait(false)
            : await store.ReplaceTokensAsync(account.Id, current.TokenVersion, tokens, cancellationToken).ConfigureAwait(false);
        LogRefreshed(logger, account.Id, saved);
        return new AuthorizationAttempt(ToAuthorization(oauth, context, tokens), null, null, FromStore: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the access token of account {AccountId} (stored: {Stored})")]
    private static partial void LogRefreshed(ILogger logger, string accountId, bool stored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The provider refused to refresh the access token of account {AccountId} ({Kind})")]
    private static partial void LogRefreshRefused(ILogger logger, string accountId, OAuthFailureKind kind);
}

/// <summary>An authorization for a check, the tokens newly obtained for it (to store with the account), or why there is none.</summary>
/// <param name="FromStore">The access token was the stored one, not just obtained: a refusal by the provider may only mean it expired.</param>
public sealed record AuthorizationAttempt(AccountAuthorization? Authorization, OAuthTokenSet? NewTokens, OAuthFailure? Failure, bool FromStore)
{
    public static AuthorizationAttempt Failed(OAuthFailure failure) => new(null, null, failure, FromStore: false);
}

/// <summary>A failed sign-in or refresh as a validator's verdict, so it shows where verdicts show.</summary>
public static class OAuthFailureVerdicts
{
    public static AccountValidationResult AsVerdict(this OAuthFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind == OAuthFailureKind.TryLater
            ? AccountValidationResult.Unavailable(failure.Message)
            : AccountValidationResult.Invalid(failure.Message, failure.Field is { } field ? [new AccountFieldError(field, failure.Message)] : []);
    }
}
