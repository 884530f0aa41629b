using System.Text.Json.Nodes;
using Flows.Cli.Output;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Host.Forms;
using Flows.Host.Plugins;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// The `flows accounts` commands. Secret values are never printed, in text or JSON: a secret shows as
/// "set" or "not set". Everything that came from a user or a plugin is written as plain text.
/// </summary>
internal sealed class AccountsHandler(AccountService service, AccountStore store, AccountForms forms, PluginCatalog catalog, CliOutput output)
{
    public async Task<int> AddAsync(string accountTypeId, string? label, IReadOnlyList<FieldAssignment> fields, bool allowSecretArgument, bool validate, bool json, CancellationToken cancellationToken)
    {
        var loaded = forms.Get(accountTypeId);
        if (loaded.Form is not { } form)
        {
            output.Error(loaded.Problem!);
            return 1;
        }

        if (new CommandLineValues(output).Read(form, label, fields, allowSecretArgument) is not { } values)
        {
            return 2;
        }

        // Everything given: no questions (scripts). Something missing and a person at the terminal: the form.
        if (output.IsInteractive && !json && !Complete(form, values))
        {
            var terminal = new Flows.Cli.Forms.TerminalForm(output.Console);
            output.Console.Write(new Rule(TerminalText.Markup(form.AccountTypeTitle)).LeftJustified());
            values = terminal.AskMissing(form, values, new HashSet<string>(StringComparer.Ordinal));
            return await InteractiveAsync(terminal, form, accountTypeId, values, null, new HashSet<string>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        }

        // What a new form would have offered for the fields not given (a port, an SSL mode).
        values = FormDefaults.FillIn(form.Schema.Model, values);
        var result = validate
            ? await service.SaveAndValidateAsync(accountTypeId, values, null, cancellationToken).ConfigureAwait(false)
            : await service.ApplyAsync(accountTypeId, values, null, cancellationToken).ConfigureAwait(false);
        return Report(result, json, validate ? "Saved and validated" : "Saved (not validated)");
    }

    private static bool Complete(AccountForm form, FormValues values) =>
        !string.IsNullOrWhiteSpace(values.Last(FormPath.Label)) && form.Schema.Submit(values).IsValid;

    // The seed's buttons at the end of the form, until something is saved or the user cancels.
    private async Task<int> InteractiveAsync(
        Flows.Cli.Forms.TerminalForm terminal, AccountForm form, string accountTypeId, FormValues values, Account? editing, HashSet<string> storedSecrets, CancellationToken cancellationToken)
    {
        var checkNotMade = false;
        while (true)
        {
            // Save & Validate unless the connector is known to have no validator for the type. Only its
            // activation tells; that is left to Save & Validate, as a plugin that fails to activate is
            // marked faulted and could then not even Apply. After a check that could not be made, Apply first.
            var action = terminal.AskAction(canValidate: catalog.HasValidator(accountTypeId) != false, applyFirst: checkNotMade);
            if (action == Flows.Cli.Forms.FormAction.Cancel)
            {
                output.Line("Cancelled: nothing was saved.");
                return 1;
            }

            var result = action == Flows.Cli.Forms.FormAction.SaveAndValidate
                ? await output.Console.Status().StartAsync("Validating with the connector…", _ => SubmitAsync(accountTypeId, values, editing, validate: true, cancellationToken)).ConfigureAwait(false)
                : await SubmitAsync(accountTypeId, values, editing, validate: false, cancellationToken).ConfigureAwait(false);
            if (result.Saved || result.Conflict != AccountConflict.None)
            {
                return Report(result, json: false, action == Flows.Cli.Forms.FormAction.SaveAndValidate ? "Saved and validated" : "Saved (not validated)");
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

            values = terminal.AskAgain(form, values, result.Errors, storedSecrets);
        }
    }

    // An edit saves only over the version that was read: an account removed or changed meanwhile is neither re-created nor overwritten.
    private Task<AccountCommandResult> SubmitAsync(string accountTypeId, FormValues values, Account? editing, bool validate, CancellationToken cancellationToken) =>
        (editing, validate) switch
        {
            ({ } account, true) => service.SaveAndValidateAsync(accountTypeId, values, account.Id, account.Version, cancellationToken),
            ({ } account, false) => service.ApplyAsync(accountTypeId, values, account.Id, account.Version, cancellationToken),
            (null, true) => service.SaveAndValidateAsync(accountTypeId, values, null, cancellationToken),
            (null, false) => service.ApplyAsync(accountTypeId, values, null, cancellationToken),
        };

    public async Task<int> EditAsync(string which, string? label, IReadOnlyList<FieldAssignment> fields, bool allowSecretArgument, bool validate, bool json, CancellationToken cancellationToken)
    {
        if (await FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return 1;
        }

        // Unchanged fields keep their stored values: start from what is stored (secrets are kept by the binder).
        var loaded = forms.Get(account.AccountTypeId);
        if (loaded.Form is not { } form)
        {
            output.Error(loaded.Problem!);
            return 1;
        }

        if (new CommandLineValues(output).Read(form, label, fields, allowSecretArgument) is not { } changes)
        {
            return 2;
        }

        var values = FormBinder.Unbind(form.Schema.Model, account.NonSecretValues);
        if (changes.Count == 0 && output.IsInteractive && !json)
        {
            // Nothing given and a person at the terminal: the form again, each answer defaulting to what is stored.
            if (!account.SecretsAvailable)
            {
                output.Error(account.SecretsProblem!);
                return 1;
            }

            var storedSecrets = FormBinder.StoredSecrets(form.Schema.Model, account.GetValues()).ToHashSet(StringComparer.Ordinal);
            var terminal = new Flows.Cli.Forms.TerminalForm(output.Console);
            output.Console.Write(new Rule(TerminalText.Markup($"{form.AccountTypeTitle}: {account.Label}")).LeftJustified());
            var answers = terminal.AskAll(form, values.Add(FormPath.Label, account.Label), storedSecrets);
            return await InteractiveAsync(terminal, form, account.AccountTypeId, answers, account, storedSecrets, cancellationToken).ConfigureAwait(false);
        }

        var merged = new FormValues();
        foreach (var name in values.Names.Where(n => !changes.Contains(n)))
        {
            foreach (var value in values.All(name))
            {
                merged.Add(name, value);
            }
        }

        foreach (var name in changes.Names)
        {
            foreach (var value in changes.All(name))
            {
                merged.Add(name, value);
            }
        }

        var result = await SubmitAsync(account.AccountTypeId, merged, account, validate, cancellationToken).ConfigureAwait(false);
        return Report(result, json, validate ? "Saved and validated" : "Saved (not validated)");
    }

    public async Task<int> ListAsync(string? accountTypeId, bool json, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(accountTypeId, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            output.WriteJson([.. accounts.Select(a => Summary(a))], CliJson.Output.AccountJsonArray);
            return 0;
        }

        if (accounts.Count == 0)
        {
            output.Line("No accounts yet. Add one with: flows accounts add <account-type> --label <label> --set field=value …");
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Label").AddColumn("Type").AddColumn("Status").AddColumn("Id");
        foreach (var account in accounts)
        {
            table.AddRow(new Text(TerminalText.Plain(account.Label)), new Text(TerminalText.Plain(account.AccountTypeId)), new Text(TerminalText.Plain(Badge(account.Status, account.SecretsProblem)), StatusStyle(account.Status)), new Text(TerminalText.Plain(account.Id), new Style(Color.Grey)));
        }

        output.Console.Write(table);
        return 0;
    }

    public async Task<int> ShowAsync(string which, bool json, CancellationToken cancellationToken)
    {
        if (await FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return 1;
        }

        var secrets = SecretStates(account);
        if (json)
        {
            output.WriteJson([Summary(account.ToSummary(), account.NonSecretValues, secrets)], CliJson.Output.AccountJsonArray);
            return 0;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value, Style? style = null) => grid.AddRow(new Text(TerminalText.Plain(key), new Style(Color.Grey)), new Text(TerminalText.Plain(value), style ?? Style.Plain));
        Row("Label", account.Label);
        Row("Type", account.AccountTypeId);
        Row("Status", Badge(account.Status, account.SecretsProblem), StatusStyle(account.Status));
        Row("Id", account.Id);
        output.Console.Write(grid);

        // The values as the form names them, nested; without the form (its plugin gone), by JSON name.
        var model = forms.Get(account.AccountTypeId).Form?.Schema.Model;
        var outline = model is null
            ? AccountOutline.Build(new FormModel(null, null, [], []), account.NonSecretValues, account.SecretPointers)
            : AccountOutline.Build(model, account.NonSecretValues, account.SecretPointers);
        if (model is null)
        {
            outline = [.. outline, .. account.SecretPointers.Select(p => new OutlineEntry(p.TrimStart('/'), AccountOutline.SecretSet, []) { Secret = true })];
        }

        WriteOutline(outline, depth: 0);
        return 0;
    }

    private void WriteOutline(IReadOnlyList<OutlineEntry> entries, int depth)
    {
        foreach (var entry in entries)
        {
            var indent = new string(' ', depth * 2);
            var line = new Spectre.Console.Rendering.IRenderable[]
            {
                new Text(indent + TerminalText.Plain(entry.Label) + ":", new Style(Color.Grey)),
                new Text(entry.Value is { } value ? " " + TerminalText.Plain(value) + Environment.NewLine : Environment.NewLine),
            };
            foreach (var part in line)
            {
                output.Console.Write(part);
            }

            WriteOutline(entry.Children, depth + 1);
        }
    }

    public async Task<int> ValidateAsync(string which, bool json, CancellationToken cancellationToken)
    {
        if (await FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return 1;
        }

        var result = await service.RevalidateAsync(account.Id, cancellationToken).ConfigureAwait(false);
        if (!result.Errors.IsEmpty || result.Account is null)
        {
            return Report(result, json, "Checked");
        }

        if (json)
        {
            output.WriteJson([Summary(result.Account.ToSummary())], CliJson.Output.AccountJsonArray);
        }
        else
        {
            output.Line($"{account.Label}: {Badge(result.Account.Status, null)}", StatusStyle(result.Account.Status));
        }

        return result.Verdict?.Outcome == AccountValidationOutcome.Valid ? 0 : 1;
    }

    public async Task<int> RemoveAsync(string which, bool yes, CancellationToken cancellationToken)
    {
        if (await FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return 1;
        }

        if (!yes)
        {
            if (Console.IsInputRedirected || !output.Console.Profile.Capabilities.Interactive)
            {
                output.Error($"removing '{account.Label}' needs confirmation: add --yes when not running in a terminal.");
                return 2;
            }

            if (!output.Console.Confirm($"Delete the account [bold]{TerminalText.Markup(account.Label)}[/] ({TerminalText.Markup(account.AccountTypeId)})?", defaultValue: false))
            {
                output.Line("Nothing deleted.");
                return 1;
            }
        }

        await store.DeleteAsync(account.Id, cancellationToken).ConfigureAwait(false);
        output.Success($"Deleted {account.Label}.");
        return 0;
    }

    public async Task<int> RotateKeyAsync(CancellationToken cancellationToken)
    {
        var result = await store.RotateKeyAsync(cancellationToken).ConfigureAwait(false);
        output.Success($"Secrets now encrypted under key {result.KeyId}: {result.Reencrypted} re-encrypted.");
        if (result.Unreadable > 0)
        {
            output.Line($"  {result.Unreadable} secret(s) could not be read with any known key and were left as they were.", new Style(Color.Yellow));
        }

        return result.Unreadable > 0 ? 1 : 0;
    }

    private async Task<Account?> FindAsync(string which, CancellationToken cancellationToken)
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

    private int Report(AccountCommandResult result, bool json, string saved)
    {
        if (result.Saved && result.Account is { } account)
        {
            if (json)
            {
                output.WriteJson([Summary(account.ToSummary())], CliJson.Output.AccountJsonArray);
            }
            else
            {
                output.Success($"{saved}: {account.Label} ({account.Id}). {Badge(account.Status, null)}");
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

    // The same shape as the web API's: each secret field by JSON Pointer, true when a value is stored.
    private SortedDictionary<string, bool> SecretStates(Account account)
    {
        var form = forms.Get(account.AccountTypeId).Form;
        var pointers = form is null ? account.SecretPointers : AccountSchemaHash.SecretPointers(form.Schema.Model);
        var states = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pointer in pointers.Where(p => !p.Split('/').Contains("-")))
        {
            states[pointer] = false;
        }

        foreach (var pointer in account.SecretPointers)
        {
            states[pointer] = true;
        }

        return states;
    }

    private static AccountJson Summary(AccountSummary account, JsonObject? values = null, IReadOnlyDictionary<string, bool>? secrets = null) => new(
        account.Id,
        account.AccountTypeId,
        account.PluginId,
        account.Label,
        new AccountStatusJson(CliJson.Name(account.Status.Kind), account.Status.Detail, account.Status.CheckedAt),
        account.UpdatedAt,
        account.SecretsProblem,
        values,
        secrets);

    private static string Badge(AccountStatus status, string? secretsProblem) =>
        secretsProblem is not null ? "secrets unavailable"
        : status.Kind switch
        {
            AccountStatusKind.Valid => $"valid — {status.Detail}",
            AccountStatusKind.Invalid => $"invalid — {status.Detail}",
            AccountStatusKind.Unavailable => $"could not check — {status.Detail}",
            _ => "not validated",
        };

    private static Style StatusStyle(AccountStatus status) => status.Kind switch
    {
        AccountStatusKind.Valid => new Style(Color.Green),
        AccountStatusKind.Invalid => new Style(Color.Red),
        AccountStatusKind.Unavailable => new Style(Color.Yellow),
        _ => new Style(Color.Grey),
    };
}

/// <summary>
/// An account in --json output, named as the web API names it (<c>GET /api/accounts/{id}</c>), so a
/// script can use either: never any secret value, only whether each secret is set.
/// </summary>
internal sealed record AccountJson(
    string Id,
    string AccountTypeId,
    string PluginId,
    string Label,
    AccountStatusJson Status,
    DateTimeOffset UpdatedAt,
    string? SecretsProblem,
    JsonObject? Values,
    IReadOnlyDictionary<string, bool>? Secrets);

/// <summary>An account's status: its kind, the identity summary or reason, and when it was checked.</summary>
internal sealed record AccountStatusJson(string Kind, string? Detail, DateTimeOffset? CheckedAt);
