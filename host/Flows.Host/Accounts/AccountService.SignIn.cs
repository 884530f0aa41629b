using Flows.Contracts;
using Flows.Forms;
using Flows.Host.OAuth;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Accounts;

// The browser sign-in of an authorization-code account: the form is checked and kept on the server
// while the person signs in at the provider; the callback obtains the tokens, runs the connector's
// check with them and saves only what it accepts (Save & Validate semantics).
public sealed partial class AccountService
{
    /// <summary>
    /// Checks the form and starts a sign-in: the provider's URL to send the browser to, or why not.
    /// <paramref name="binding"/> ties the sign-in to the browser (or terminal) that started it.
    /// <paramref name="replacesAccountId"/>: an account of the same connector this one replaces under the same label once signed in.
    /// </summary>
    public async Task<SignInStart> BeginSignInAsync(
        string accountTypeId, FormValues values, string? accountId, long? readVersion, string? replacesAccountId, Uri redirectUri, string binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var prepared = await PrepareAsync(accountTypeId, values, accountId, readVersion, cancellationToken).ConfigureAwait(false);
        if (prepared.Refused is { } refused)
        {
            return new SignInStart(null, refused);
        }

        if (prepared.Type.OAuth is not { Flow: OAuthFlow.AuthorizationCode } oauth)
        {
            return new SignInStart(null, Refused(prepared.Existing, $"{prepared.Form.AccountTypeTitle} accounts do not sign in in the browser.", null, null));
        }

        if (replacesAccountId is not null && prepared.Existing is null)
        {
            var replaced = await _store.GetAsync(replacesAccountId, cancellationToken).ConfigureAwait(false);
            if (replaced is null || replaced.PluginId != prepared.Type.Plugin.Id)
            {
                return new SignInStart(null, Refused(prepared.Existing, AccountConflicts.Deleted, null, null));
            }

            prepared = prepared with { Replaces = new AccountReplacement(replaced.Id, replaced.Version) };
        }

        var resolution = _oauth.Resolve(prepared.Type.Plugin.Id, oauth, prepared.Instance);
        if (resolution.Context is not { } context)
        {
            return new SignInStart(null, Refused(prepared.Existing, resolution.Failure!.Message, resolution.Failure.Field, null));
        }

        var request = _oauth.BeginAuthorization(context, redirectUri);
        await _signIns.AddAsync(request.State, binding, ToPending(prepared, request.CodeVerifier, redirectUri), cancellationToken).ConfigureAwait(false);
        return new SignInStart(request.Url, null);
    }

    /// <summary>
    /// The provider's answer to a sign-in (the redirect's <c>state</c>, and <c>code</c> or <c>error</c>):
    /// saves the account once the tokens are obtained and the connector's check accepts them.
    /// </summary>
    public async Task<SignInCompletion> CompleteSignInAsync(string? state, string? code, string? error, string? errorDescription, string binding, CancellationToken cancellationToken)
    {
        var (pending, problem) = await _signIns.TakeAsync(state, binding, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return SignInCompletion.Lost(problem!);
        }

        var (resumed, refused) = await ResumeAsync(pending, cancellationToken).ConfigureAwait(false);
        if (resumed is null)
        {
            return refused!;
        }

        var prepared = resumed.Account;
        var provider = prepared.Type.OAuth!.Provider;
        if (error is not null || string.IsNullOrEmpty(code))
        {
            var message = error switch
            {
                "access_denied" => $"You did not allow Flows to use your {provider} account, so nothing was saved. Sign in again and choose Allow to connect it.",
                null or "" => $"{provider} answered without a sign-in code, so nothing was saved. Try signing in again.",
                _ => $"{provider} refused the sign-in ({Describe(error, errorDescription)}), so nothing was saved.",
            };
            return SignInCompletion.Of(prepared, Refused(prepared.Existing, message, null, null));
        }

        var exchanged = await _oauth.ExchangeCodeAsync(resumed.Context, code, pending.CodeVerifier, pending.RedirectUri, cancellationToken).ConfigureAwait(false);
        if (exchanged.Tokens is not { } tokens)
        {
            var failure = exchanged.Failure!;
            return SignInCompletion.Of(prepared, Refused(prepared.Existing, failure.Message, failure.Field, failure.AsVerdict()));
        }

        tokens = _authorizations.WithExpiry(tokens);
        var (validator, activation) = await _catalog.FindValidatorAsync(prepared.Type.Id, cancellationToken).ConfigureAwait(false);
        var verdict = validator is null && activation.IsSuccess
            ? AccountValidationResult.Valid(tokens.Identity ?? $"Signed in with {provider}")
            : await ValidateAsync(prepared.Type.Id, validator, activation, prepared.Instance, AccountAuthorizations.ToAuthorization(prepared.Type.OAuth, resumed.Context, tokens), cancellationToken).ConfigureAwait(false);
        var result = await SaveCheckedAsync(prepared, verdict, tokens, cancellationToken).ConfigureAwait(false);
        return SignInCompletion.Of(prepared, result);
    }

    // What another node (or this one) needs to rebuild the sign-in: the checked values, secrets included.
    private static PendingSignIn ToPending(PreparedAccount prepared, string codeVerifier, Uri redirectUri)
    {
        var values = SignInForm.ValuesOf(prepared);
        return new PendingSignIn(
            prepared.Type.Id,
            prepared.Type.Plugin.Id,
            values.Names.ToDictionary(name => name, name => values.All(name), StringComparer.Ordinal),
            prepared.Existing?.Id,
            prepared.ReadVersion,
            prepared.Replaces?.AccountId,
            prepared.Replaces?.Version,
            codeVerifier,
            redirectUri);
    }

    // The form is checked again and the provider's client resolved again, the way the sign-in began,
    // from this node's connectors and configuration: a connector gone or changed meanwhile refuses here.
    private async Task<(ResumedSignIn? Resumed, SignInCompletion? Refused)> ResumeAsync(PendingSignIn pending, CancellationToken cancellationToken)
    {
        var values = new FormValues();
        foreach (var (name, list) in pending.Values)
        {
            foreach (var value in list)
            {
                values.Add(name, value);
            }
        }

        var form = new SignInForm(pending.AccountTypeId, pending.PluginId, pending.AccountId, pending.ReadVersion, pending.ReplacesAccountId, values);
        var prepared = await PrepareAsync(pending.AccountTypeId, values, pending.AccountId, pending.ReadVersion, cancellationToken).ConfigureAwait(false);
        if (prepared.Refused is { } refused)
        {
            return (null, new SignInCompletion(refused, form, null));
        }

        if (prepared.Type.OAuth is not { Flow: OAuthFlow.AuthorizationCode } oauth)
        {
            return (null, new SignInCompletion(Refused(prepared.Existing, $"{prepared.Form.AccountTypeTitle} accounts do not sign in in the browser.", null, null), form, null));
        }

        if (pending is { ReplacesAccountId: { } replaced, ReplacesVersion: { } version })
        {
            prepared = prepared with { Replaces = new AccountReplacement(replaced, version) };
        }

        var resolution = _oauth.Resolve(prepared.Type.Plugin.Id, oauth, prepared.Instance);
        if (resolution.Context is not { } context)
        {
            return (null, new SignInCompletion(Refused(prepared.Existing, resolution.Failure!.Message, resolution.Failure.Field, null), form, null));
        }

        return (new ResumedSignIn(prepared, context), null);
    }

    private sealed record ResumedSignIn(PreparedAccount Account, OAuthContext Context);

    // The provider's own words are shown, trimmed: they never carry a secret of ours.
    private static string Describe(string error, string? description) =>
        string.IsNullOrWhiteSpace(description) ? error : $"{error}: {description.Trim()[..Math.Min(description.Trim().Length, 200)]}";
}

/// <summary>Where to send the browser to sign in, or (<see cref="Refused"/>) the form's errors.</summary>
public sealed record SignInStart(Uri? AuthorizationUrl, AccountCommandResult? Refused);

/// <summary>How a sign-in ended: the result, and the form it came from (null when the sign-in itself was unknown, used or expired).</summary>
public sealed record SignInCompletion(AccountCommandResult Result, SignInForm? Form, string? LostReason)
{
    internal static SignInCompletion Lost(string reason) => new(new AccountCommandResult(null, new FormErrors(), null, Saved: false), null, reason);

    /// <summary>Saved or not (<see cref="AccountCommandResult.Saved"/>), with the form it came from.</summary>
    internal static SignInCompletion Of(PreparedAccount prepared, AccountCommandResult result) => new(result, SignInForm.Of(prepared), null);
}

/// <summary>The form a sign-in started from, to show again with its values (secrets included, for sealing) and errors.</summary>
public sealed record SignInForm(string AccountTypeId, string PluginId, string? AccountId, long? ReadVersion, string? ReplacesAccountId, FormValues Values)
{
    internal static SignInForm Of(PreparedAccount prepared) =>
        new(prepared.Type.Id, prepared.Type.Plugin.Id, prepared.Existing?.Id, prepared.ReadVersion, prepared.Replaces?.AccountId, ValuesOf(prepared));

    /// <summary>The checked form's values, secrets included, with its label.</summary>
    internal static FormValues ValuesOf(PreparedAccount prepared) =>
        FormBinder.Unbind(prepared.Form.Schema.Model, prepared.Instance, includeSecrets: true).Add(FormPath.Label, prepared.Label);
}
