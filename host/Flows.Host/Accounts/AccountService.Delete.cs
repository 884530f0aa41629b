namespace Flows.Host.Accounts;

// Deleting an OAuth account also revokes its sign-in at the provider, once the account is gone
// (a deletion refused as stale revokes nothing).
public sealed partial class AccountService
{
    /// <summary>Deletes an account (at <paramref name="expectedVersion"/> when given) and revokes its tokens; throws <see cref="AccountChangedException"/> when the version differs.</summary>
    public async Task<AccountDeletion> DeleteAsync(Account account, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var type = _catalog.FindAccountType(account.AccountTypeId);
        StoredSignIn? signIn = null;
        try
        {
            signIn = type?.OAuth is not null && account.SecretsAvailable
                ? await _store.GetSignInAsync(account.Id, cancellationToken).ConfigureAwait(false)
                : null;
        }
        catch (AccountTokensUnavailableException)
        {
            // Tokens that cannot be read cannot be revoked either; the account still goes.
        }

        if (!await _store.DeleteAsync(account.Id, expectedVersion, cancellationToken).ConfigureAwait(false))
        {
            return new AccountDeletion(false, null);
        }

        if (signIn is null || type is null)
        {
            return new AccountDeletion(true, null);
        }

        var (revocation, revoked) = await _authorizations.RevokeAsync(type, account, signIn.Tokens, cancellationToken).ConfigureAwait(false);
        return new AccountDeletion(true, revocation, revoked);
    }
}

/// <summary>Whether the account was deleted, and what happened to its sign-in at the provider, in words (null when it had none).</summary>
/// <param name="Revoked">The provider confirmed the revocation.</param>
public sealed record AccountDeletion(bool Deleted, string? Revocation, bool Revoked = false);
