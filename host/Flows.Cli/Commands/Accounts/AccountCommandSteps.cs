using Flows.Cli.Forms;
using Flows.Cli.Output;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Plugins;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// What several `flows accounts` commands do alike: find an account by label or id, save (Apply or
/// Save &amp; Validate), offer the form's actions in the terminal, and report what a save came to.
/// </summary>
internal sealed class AccountCommandSteps(AccountService service, AccountStore store, PluginCatalog catalog, CliOutput output)
{
    /// <summary>The account with id or label <paramref name="which"/>; null (the reason written) when there is none or several.</summary>
    public async Task<Account?> FindAsync(string which, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(which, out _) && await store.GetAsync(which, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            return byId;
        }

        var matches = (await store.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(a => AccountLabels.Same(a.Label, which))
            .ToList();
        switch (matches.Count)
        {
            case 1:
                return await store.GetAsync(matches[0].Id, cancellationToken).ConfigureAwait(false);
            case 0:
                output.Error($"no account with label or id '{which}'. See: flows accounts list");
                return null;
            default:
                output.Error($"several accounts are labelled '{which}' (in different connectors); use an id: {string.Join(", ", matches.Select(m => $"{m.Id} ({m.AccountTypeId})"))}");
                return null;
        }
    }

    // An edit saves only over the version that was read: an account removed or changed meanwhile is neither re-created nor overwritten.
    public Task<AccountCommandResult> SubmitAsync(string accountTypeId, FormValues values, Account? editing, bool validate, CancellationToken cancellationToken) =>
        (editing, validate) switch
        {
            ({ } account, true) => service.SaveAndValidateAsync(accountTypeId, values, account.Id, account.Version, cancellationToken),
            ({ } account, false) => service.ApplyAsync(accountTypeId, values, account.Id, account.Version, cancellationToken),
            (null, true) => service.SaveAndValidateAsync(accountTypeId, values, null, cancellationToken),
            (null, false) => service.ApplyAsync(accountTypeId, values, null, cancellationToken),
        };

    /// <summary>The form's actions (Save &amp; Validate, Apply, Cancel) in the terminal, asked again until something is saved or the user cancels.</summary>
    public async Task<int> AskUntilSavedAsync(
        AccountTerminalForm terminal, AccountForm form, string accountTypeId, FormValues values, Account? editing, CancellationToken cancellationToken)
    {
        var checkNotMade = false;
        while (true)
        {
            // Save & Validate unless the connector is known to have no validator for the type. Only its
            // activation tells; that is left to Save & Validate, as a plugin that fails to activate is
            // marked faulted and could then not even Apply. After a check that could not be made, Apply first.
            var action = terminal.AskAction(canValidate: catalog.HasValidator(accountTypeId) != false, applyFirst: checkNotMade);
            if (action == FormAction.Cancel)
            {
                output.Line("Cancelled: nothing was saved.");
                return 1;
            }

            var result = action == FormAction.SaveAndValidate
                ? await output.Console.Status().StartAsync("Validating with the connector…", _ => SubmitAsync(accountTypeId, values, editing, validate: true, cancellationToken)).ConfigureAwait(false)
                : await SubmitAsync(accountTypeId, values, editing, validate: false, cancellationToken).ConfigureAwait(false);
            if (result.Saved || result.Conflict != AccountConflict.None)
            {
                return Report(result, json: false, action == FormAction.SaveAndValidate ? "Saved and validated" : "Saved (not validated)");
            }

            foreach (var message in result.Errors.Form)
            {
                output.Line($"✖ {message}", new Style(Color.Red));
            }

            checkNotMade = result.Verdict?.Outcome == AccountValidationOutcome.Unavailable;
            if (checkNotMade)
            {
                output.Line("The account could not be checked just now. Choose Apply to save it without checking.");
            }

            values = terminal.AskAgain(form, values, result.Errors);
        }
    }

    /// <summary>Writes what a save came to; the exit code: 0 when saved, 1 otherwise.</summary>
    public int Report(AccountCommandResult result, bool json, string saved)
    {
        if (result.Saved && result.Account is { } account)
        {
            if (json)
            {
                output.WriteJson([AccountView.ToJson(account.ToSummary())], CliJson.Output.AccountJsonArray);
            }
            else
            {
                output.Success($"{saved}: {account.Label} ({account.Id}). {AccountView.Badge(account.Status, null)}");
                foreach (var warning in result.Verdict?.Warnings ?? [])
                {
                    output.Line($"  warning: {warning}", new Style(Color.Yellow));
                }
            }

            return 0;
        }

        if (result.Conflict == AccountConflict.Deleted)
        {
            output.Error("the account was removed meanwhile (while it was being edited or checked); nothing was saved, and it was not re-created.");
            return 1;
        }

        if (result.Conflict == AccountConflict.Changed)
        {
            output.Error("the account was changed by someone else meanwhile; nothing was saved. Run the command again to edit the current version.");
            return 1;
        }

        output.Error(result.Verdict is { Outcome: AccountValidationOutcome.Unavailable } ? "could not check the account; nothing was saved." : "nothing was saved:");
        foreach (var (field, messages) in result.Errors.Fields)
        {
            foreach (var message in messages)
            {
                output.ErrorDetail($"{(field == FormPath.Label ? "label" : field)}: {message}");
            }
        }

        foreach (var message in result.Errors.Form)
        {
            output.ErrorDetail(message);
        }

        return 1;
    }
}
