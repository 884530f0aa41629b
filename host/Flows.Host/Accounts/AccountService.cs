using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Forms;
using Flows.Host.Hosting;
using Flows.Host.OAuth;
using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Manifests;
using Flows.Host.Secrets;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Accounts;

/// <summary>
/// The buttons of an account form. <b>Apply</b>: check against the schema, save as not validated.
/// <b>Save &amp; Validate</b>: check, run the connector's validator, save only when it says valid.
/// <b>Cancel</b> is the absence of a call: nothing is saved. Nothing invalid is ever stored.
/// </summary>
public sealed partial class AccountService
{
    private readonly AccountForms _forms;
    private readonly PluginCatalog _catalog;
    private readonly AccountStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AccountService> _logger;
    private readonly TimeSpan _validationTimeout;
    private readonly PluginSecretScrubbing _scrubbing;
    private readonly AccountAuthorizations _authorizations;
    private readonly OAuthClient _oauth;
    private readonly PendingSignIns _signIns;

    public AccountService(
        AccountForms forms, PluginCatalog catalog, AccountStore store, FlowsHostOptions options, TimeProvider time, PluginSecretScrubbing scrubbing,
        AccountAuthorizations authorizations, OAuthClient oauth, PendingSignIns signIns, ILogger<AccountService> logger)
    {
        _authorizations = authorizations;
        _oauth = oauth;
        _signIns = signIns;
        ArgumentNullException.ThrowIfNull(options);
        _validationTimeout = options.ValidationTimeout;
        _forms = forms;
        _catalog = catalog;
        _store = store;
        _time = time;
        _scrubbing = scrubbing;
        _logger = logger;
    }

    /// <summary>Apply: saves the posted values (new account, or <paramref name="accountId"/> as it is stored now) with status "not validated".</summary>
    public Task<AccountCommandResult> ApplyAsync(string accountTypeId, FormValues values, string? accountId, CancellationToken cancellationToken) =>
        SubmitAsync(accountTypeId, values, accountId, null, validate: false, cancellationToken);

    /// <summary>Apply to the account as it was at <paramref name="readVersion"/>: nothing is saved if it changed since.</summary>
    public Task<AccountCommandResult> ApplyAsync(string accountTypeId, FormValues values, string accountId, long readVersion, CancellationToken cancellationToken) =>
        SubmitAsync(accountTypeId, values, accountId, readVersion, validate: false, cancellationToken);

    /// <summary>Save &amp; Validate: saves only when the connector's validator accepts the account.</summary>
    public Task<AccountCommandResult> SaveAndValidateAsync(string accountTypeId, FormValues values, string? accountId, CancellationToken cancellationToken) =>
        SubmitAsync(accountTypeId, values, accountId, null, validate: true, cancellationToken);

    /// <summary>Save &amp; Validate the account as it was at <paramref name="readVersion"/>: nothing is saved if it changed since.</summary>
    public Task<AccountCommandResult> SaveAndValidateAsync(string accountTypeId, FormValues values, string accountId, long readVersion, CancellationToken cancellationToken) =>
        SubmitAsync(accountTypeId, values, accountId, readVersion, validate: true, cancellationToken);

    /// <summary>Runs the validator on a stored account again and records what it says.</summary>
    public async Task<AccountCommandResult> RevalidateAsync(string accountId, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var account = await _store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            errors.AddForm(AccountConflicts.Deleted);
            return new AccountCommandResult(null, errors, null, Saved: false) { Conflict = AccountConflict.Deleted };
        }

        if (!account.SecretsAvailable)
        {
            errors.AddForm(account.SecretsProblem!);
            return new AccountCommandResult(account, errors, null, Saved: false);
        }

        var verdict = await RevalidateCoreAsync(account, cancellationToken).ConfigureAwait(false);
        var recorded = await _store.SetStatusAsync(account.Id, StatusOf(verdict), account.Version, cancellationToken).ConfigureAwait(false);
        var updated = await _store.GetAsync(account.Id, cancellationToken).ConfigureAwait(false);
        if (!recorded || updated is null)
        {
            // Deleted, or saved with other values, while the connector was checking: the verdict is not theirs.
            var conflict = updated is null ? AccountConflict.Deleted : AccountConflict.Changed;
            errors.AddForm(conflict == AccountConflict.Deleted ? AccountConflicts.Deleted : AccountConflicts.ChangedWhileChecking);
            return new AccountCommandResult(updated, errors, verdict, Saved: false) { Conflict = conflict };
        }

        return new AccountCommandResult(updated, errors, verdict, Saved: true);
    }

    private async Task<AccountCommandResult> SubmitAsync(
        string accountTypeId, FormValues values, string? accountId, long? readVersion, bool validate, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(accountTypeId, values, accountId, readVersion, cancellationToken).ConfigureAwait(false);
        if (prepared.Refused is { } refused)
        {
            return refused;
        }

        if (!validate)
        {
            // Changed values have not been checked.
            var applied = await SaveAsync(prepared, AccountStatus.NotValidated, null, signIn: null, cancellationToken).ConfigureAwait(false);
            if (applied.Saved && prepared.Existing is not null && prepared.Type.OAuth is { Flow: not OAuthFlow.AuthorizationCode })
            {
                // A token obtained with the old key or user must not vouch for the new values.
                await _store.ClearTokensAsync(applied.Account!.Id, cancellationToken).ConfigureAwait(false);
            }

            return applied;
        }

        var (validator, activation) = await _catalog.FindValidatorAsync(accountTypeId, cancellationToken).ConfigureAwait(false);
        if (validator is null && activation.IsSuccess)
        {
            // Not a passing fault to retry later: this type can only ever be saved unchecked.
            var errors = new FormErrors();
            errors.AddForm(CannotBeValidated(prepared.Form.AccountTypeTitle));
            return new AccountCommandResult(prepared.Existing, errors, null, Saved: false) { CannotBeValidated = true };
        }

        AccountAuthorization? authorization = null;
        OAuthTokenSet? obtained = null;
        if (prepared.Type.OAuth is not null)
        {
            var attempt = await _authorizations.ForCheckAsync(prepared.Type, prepared.Instance, prepared.Existing, cancellationToken).ConfigureAwait(false);
            if (attempt.Failure is { } failure)
            {
                return Refused(prepared.Existing, failure.Message, failure.Field, verdict: null);
            }

            (authorization, obtained) = (attempt.Authorization, attempt.NewTokens);
        }

        var verdict = await ValidateAsync(accountTypeId, validator, activation, prepared.Instance, authorization, cancellationToken).ConfigureAwait(false);
        return await SaveCheckedAsync(prepared, verdict, obtained, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves what the validator accepted (with the tokens it was checked with, when new); nothing otherwise.</summary>
    private async Task<AccountCommandResult> SaveCheckedAsync(PreparedAccount prepared, AccountValidationResult verdict, OAuthTokenSet? signIn, CancellationToken cancellationToken)
    {
        if (verdict.Outcome != AccountValidationOutcome.Valid)
        {
            // Save & Validate saves nothing unless the connector says the account works.
            var errors = new FormErrors();
            foreach (var fieldError in verdict.FieldErrors)
            {
                errors.AddField(FormPath.Property(string.Empty, fieldError.Field), fieldError.Message);
            }

            errors.AddForm(verdict.Message);
            return new AccountCommandResult(prepared.Existing, errors, verdict, Saved: false);
        }

        return await SaveAsync(prepared, StatusOf(verdict), verdict, signIn, cancellationToken).ConfigureAwait(false);
    }

    private static AccountCommandResult Refused(Account? existing, string message, string? field, AccountValidationResult? verdict)
    {
        // Said once: beside the field it blames, or for the whole form.
        var errors = new FormErrors();
        if (field is not null)
        {
            errors.AddField(FormPath.Property(string.Empty, field), message);
        }
        else
        {
            errors.AddForm(message);
        }

        return new AccountCommandResult(existing, errors, verdict, Saved: false);
    }

    /// <summary>The form bound and checked against the schema, with the account it edits: everything a save needs except the verdict.</summary>
    private async Task<PreparedAccount> PrepareAsync(string accountTypeId, FormValues values, string? accountId, long? readVersion, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var loaded = _forms.Get(accountTypeId);
        if (loaded.Form is not { } form)
        {
            errors.AddForm(loaded.Problem!);
            return PreparedAccount.Refuse(new AccountCommandResult(null, errors, null, Saved: false));
        }

        Account? existing = null;
        if (accountId is not null)
        {
            existing = await _store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (existing is null || existing.AccountTypeId != accountTypeId)
            {
                errors.AddForm(existing is null && readVersion is not null ? AccountConflicts.Deleted : $"There is no {form.AccountTypeTitle} with id '{accountId}'.");
                return PreparedAccount.Refuse(new AccountCommandResult(null, errors, null, Saved: false) { Conflict = existing is null ? AccountConflict.Deleted : AccountConflict.None });
            }

            if (readVersion is { } read && existing.Version != read)
            {
                errors.AddForm(AccountConflicts.Changed);
                return PreparedAccount.Refuse(new AccountCommandResult(existing, errors, null, Saved: false) { Conflict = AccountConflict.Changed });
            }

            if (!existing.SecretsAvailable)
            {
                // Editing would silently drop the secrets that cannot be read; say so instead.
                errors.AddForm(existing.SecretsProblem!);
                return PreparedAccount.Refuse(new AccountCommandResult(existing, errors, null, Saved: false));
            }
        }

        var typedLabel = values.Last(FormPath.Label);
        var label = typedLabel?.Trim() ?? existing?.Label ?? string.Empty;
        if (AccountLabels.Problem(typedLabel ?? label) is { } labelProblem)
        {
            errors.AddField(FormPath.Label, labelProblem);
        }

        var submission = form.Schema.Submit(values, existing?.GetValues());
        foreach (var (path, messages) in submission.Errors.Fields)
        {
            foreach (var message in messages)
            {
                errors.AddField(path, message);
            }
        }

        foreach (var message in submission.Errors.Form)
        {
            errors.AddForm(message);
        }

        if (!errors.IsEmpty)
        {
            return PreparedAccount.Refuse(new AccountCommandResult(existing, errors, null, Saved: false));
        }

        return new PreparedAccount(loaded.Type!, form, loaded.SchemaVersion!, existing, readVersion, label, submission.Instance, null);
    }

    private async Task<AccountCommandResult> SaveAsync(
        PreparedAccount prepared, AccountStatus status, AccountValidationResult? verdict, OAuthTokenSet? signIn, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var existing = prepared.Existing;
        var type = prepared.Type;
        try
        {
            var saved = await _store.SaveAsync(
                new AccountDraft
                {
                    Id = existing?.Id,
                    Version = prepared.ReadVersion ?? existing?.Version,
                    AccountTypeId = type.Id,
                    PluginId = type.Plugin.Id,
                    PluginVersion = type.Plugin.Version?.ToString() ?? "0.0.0",
                    SchemaVersion = prepared.SchemaVersion,
                    Label = prepared.Label,
                    Values = prepared.Instance,
                    Status = status,
                    SignIn = signIn,
                    Replaces = prepared.Replaces,
                },
                AccountSchemaHash.SecretPointers(prepared.Form.Schema.Model),
                cancellationToken).ConfigureAwait(false);
            LogSaved(_logger, saved.Id, type.Id, status.Kind);
            return new AccountCommandResult(saved, errors, verdict, Saved: true);
        }
        catch (DuplicateAccountLabelException exception)
        {
            errors.AddField(FormPath.Label, exception.Message);
            return new AccountCommandResult(existing, errors, verdict, Saved: false);
        }
        catch (AccountNotFoundException)
        {
            // Deleted while the connector was checking: it stays deleted.
            errors.AddForm(AccountConflicts.Deleted);
            return new AccountCommandResult(null, errors, verdict, Saved: false) { Conflict = AccountConflict.Deleted };
        }
        catch (AccountChangedException)
        {
            errors.AddForm(AccountConflicts.Changed);
            return new AccountCommandResult(existing, errors, verdict, Saved: false) { Conflict = AccountConflict.Changed };
        }
    }

    // A stored OAuth account is checked with a fresh access token; a stored one the provider has since
    // dropped gets one refresh and one more try, as OAuth clients do on a 401.
    private async Task<AccountValidationResult> RevalidateCoreAsync(Account account, CancellationToken cancellationToken)
    {
        if (_catalog.FindAccountType(account.AccountTypeId) is not { OAuth: not null } type)
        {
            return await ValidateAsync(account.AccountTypeId, account.GetValues(), null, cancellationToken).ConfigureAwait(false);
        }

        var attempt = await _authorizations.ForAccountAsync(type, account, refusedAccessToken: null, cancellationToken).ConfigureAwait(false);
        if (attempt.Failure is { } failure)
        {
            return failure.AsVerdict();
        }

        var verdict = await ValidateAsync(account.AccountTypeId, account.GetValues(), attempt.Authorization, cancellationToken).ConfigureAwait(false);
        if (verdict.Outcome != AccountValidationOutcome.Invalid || !attempt.FromStore)
        {
            return verdict;
        }

        var retry = await _authorizations.ForAccountAsync(type, account, attempt.Authorization!.AccessToken, cancellationToken).ConfigureAwait(false);
        return retry.Failure is { } again
            ? again.AsVerdict()
            : await ValidateAsync(account.AccountTypeId, account.GetValues(), retry.Authorization, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one sentence for a check asked of an account type whose connector has none.</summary>
    public static string CannotBeValidated(string accountTypeTitle) =>
        $"{accountTypeTitle} accounts cannot be validated: the connector has no check for them. Save them without validating instead.";

    private async Task<AccountValidationResult> ValidateAsync(string accountTypeId, JsonObject values, AccountAuthorization? authorization, CancellationToken cancellationToken)
    {
        var (validator, activation) = await _catalog.FindValidatorAsync(accountTypeId, cancellationToken).ConfigureAwait(false);
        return await ValidateAsync(accountTypeId, validator, activation, values, authorization, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccountValidationResult> ValidateAsync(
        string accountTypeId, IAccountValidator? validator, ActivationResult activation, JsonObject values, AccountAuthorization? authorization, CancellationToken cancellationToken)
    {
        if (validator is null)
        {
            return AccountValidationResult.Unavailable(activation.IsSuccess
                ? "This connector cannot check accounts of this type. Use Apply to save without checking."
                : $"The connector could not be loaded: {activation.Reason}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_validationTimeout);
        Task<AccountValidationResult>? check = null;
        try
        {
            var request = new AccountValidationRequest(accountTypeId, JsonSerializer.SerializeToElement(values)) { Authorization = authorization };
            var scrubbed = Scrubbed(accountTypeId, validator);
            // Started on the pool and awaited only until the time limit: a validator that blocks its
            // caller or ignores the token is left behind instead of holding the request (and the user).
            check = Task.Run(() => scrubbed.ValidateAsync(request, timeout.Token), CancellationToken.None);
            Observe(check);
            return await check.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (check is { IsCompleted: false })
            {
                LogValidatorAbandoned(_logger, accountTypeId, _validationTimeout.TotalSeconds);
            }

            return AccountValidationResult.Unavailable($"The check did not finish within {_validationTimeout.TotalSeconds:0.#} s. Try again later.");
        }
#pragma warning disable CA1031 // A connector's bug must become a message, not a crash; its text may hold secrets, so only the type is shown.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var type = Plugins.Isolation.PluginFaultException.TypeNameOf(exception);
            LogValidatorFailed(_logger, accountTypeId, type);
            return AccountValidationResult.Unavailable($"The connector failed while checking the account ({type}). Try again later or report it to the connector's publisher.");
        }
    }

    // The one place every check passes, in process or in a worker: no secret of the request comes back.
    private ScrubbingAccountValidator Scrubbed(string accountTypeId, IAccountValidator validator)
    {
        var loaded = _forms.Get(accountTypeId);
        var pointers = loaded.Form is { } form ? AccountSchemaHash.SecretPointers(form.Schema.Model) : [];
        return new ScrubbingAccountValidator(validator, loaded.Type?.Plugin.Id ?? accountTypeId, pointers, _scrubbing);
    }

    private AccountStatus StatusOf(AccountValidationResult verdict) => verdict.Outcome switch
    {
        AccountValidationOutcome.Valid => AccountStatus.Valid(verdict.IdentitySummary!, _time.GetUtcNow()),
        AccountValidationOutcome.Invalid => AccountStatus.Invalid(verdict.Message, _time.GetUtcNow()),
        _ => AccountStatus.Unavailable(verdict.Message, _time.GetUtcNow()),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved account {AccountId} of type {AccountTypeId} as {Status}")]
    private static partial void LogSaved(ILogger logger, string accountId, string accountTypeId, AccountStatusKind status);

    // A check left behind may still fail later; its exception is read so it never surfaces as unobserved.
    private static void Observe(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The validator of {AccountTypeId} did not finish within {Seconds} s and was abandoned")]
    private static partial void LogValidatorAbandoned(ILogger logger, string accountTypeId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The validator of {AccountTypeId} threw {ExceptionType}")]
    private static partial void LogValidatorFailed(ILogger logger, string accountTypeId, string exceptionType);
}

/// <summary>The form bound and checked, or (<see cref="Refused"/> set) the answer that stopped it.</summary>
internal sealed record PreparedAccount(
    AccountTypeInfo Type, AccountForm Form, string SchemaVersion, Account? Existing, long? ReadVersion, string Label, JsonObject Instance, AccountCommandResult? Refused)
{
    /// <summary>An account this one replaces under the same label, deleted in the same transaction.</summary>
    public AccountReplacement? Replaces { get; init; }

    public static PreparedAccount Refuse(AccountCommandResult refused) => new(null!, null!, string.Empty, null, null, string.Empty, [], refused);
}

/// <summary>What a button press did: the account as saved (or as it was), the errors next to their fields, the validator's verdict.</summary>
public sealed record AccountCommandResult(Account? Account, FormErrors Errors, AccountValidationResult? Verdict, bool Saved)
{
    /// <summary>Set when nothing was saved because the account was deleted or changed by someone else meanwhile.</summary>
    public AccountConflict Conflict { get; init; } = AccountConflict.None;

    /// <summary>Set when a check was asked of an account type whose connector exports no validator; nothing was saved.</summary>
    public bool CannotBeValidated { get; init; }
}
