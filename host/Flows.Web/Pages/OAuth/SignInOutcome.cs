using System.Text.Json.Serialization;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Forms;

namespace Flows.Web.Pages.OAuth;

/// <summary>
/// How a sign-in ended, as handed to the node that shows it: a saved account by its connector and id;
/// an unsaved one with its form's values (secrets included: they go back into the form sealed), errors and verdict.
/// </summary>
internal sealed record SignInOutcome(
    string AccountTypeId,
    string PluginId,
    string? AccountId,
    long? ReadVersion,
    string? ReplacesAccountId,
    string? SavedAccountId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors,
    IReadOnlyList<string> FormErrors,
    SignInVerdict? Verdict,
    AccountConflict Conflict,
    bool CannotBeValidated)
{
    public static SignInOutcome Of(SignInForm form, AccountCommandResult result)
    {
        var saved = result.Saved ? result.Account!.Id : null;
        return new SignInOutcome(
            form.AccountTypeId,
            form.PluginId,
            form.AccountId,
            form.ReadVersion,
            form.ReplacesAccountId,
            saved,
            saved is null ? form.Values.Names.ToDictionary(name => name, name => form.Values.All(name), StringComparer.Ordinal) : new Dictionary<string, IReadOnlyList<string>>(),
            result.Errors.Fields,
            result.Errors.Form,
            result.Verdict is { } verdict ? new SignInVerdict(verdict.Outcome, verdict.Message, verdict.IdentitySummary, verdict.FieldErrors, verdict.Warnings) : null,
            result.Conflict,
            result.CannotBeValidated);
    }

    public FormValues FormValues()
    {
        var values = new FormValues();
        foreach (var (name, list) in Values)
        {
            foreach (var value in list)
            {
                values.Add(name, value);
            }
        }

        return values;
    }

    /// <summary>The result of the sign-in, for the form shown again: <paramref name="account"/> is the edited account as it is now.</summary>
    public AccountCommandResult Result(Account? account)
    {
        var errors = new FormErrors();
        foreach (var (path, messages) in FieldErrors)
        {
            foreach (var message in messages)
            {
                errors.AddField(path, message);
            }
        }

        foreach (var message in FormErrors)
        {
            errors.AddForm(message);
        }

        return new AccountCommandResult(account, errors, Verdict?.ToResult(), Saved: false) { Conflict = Conflict, CannotBeValidated = CannotBeValidated };
    }
}

/// <summary>The connector's verdict on a sign-in, as handed over.</summary>
internal sealed record SignInVerdict(
    AccountValidationOutcome Outcome, string Message, string? IdentitySummary, IReadOnlyList<AccountFieldError> FieldErrors, IReadOnlyList<string> Warnings)
{
    public AccountValidationResult ToResult() => Outcome switch
    {
        AccountValidationOutcome.Valid => AccountValidationResult.Valid(IdentitySummary ?? Message, Warnings),
        AccountValidationOutcome.Invalid => AccountValidationResult.Invalid(Message, FieldErrors),
        _ => AccountValidationResult.Unavailable(Message),
    };
}

[JsonSerializable(typeof(SignInOutcome))]
internal sealed partial class SignInOutcomeJson : JsonSerializerContext;
