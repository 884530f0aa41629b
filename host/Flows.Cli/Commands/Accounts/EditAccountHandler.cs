using Flows.Cli.Forms;
using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Flows.Forms;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// `flows accounts edit &lt;account&gt;`: changes the fields given and keeps the rest (secrets not
/// given are kept); with nothing given and a person at the terminal, the form again.
/// </summary>
internal sealed class EditAccountHandler(AccountForms forms, AccountCommandSteps steps, CliOutput output)
{
    public async Task<int> RunAsync(string which, string? label, IReadOnlyList<FieldAssignment> fields, bool allowSecretArgument, bool validate, bool json, CancellationToken cancellationToken)
    {
        if (await steps.FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
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
            var terminal = new AccountTerminalForm(output.Console, storedSecrets);
            output.Console.Write(new Rule(TerminalText.Markup($"{form.AccountTypeTitle}: {account.Label}")).LeftJustified());
            var answers = terminal.AskAll(form, values.Add(FormPath.Label, account.Label));
            return await steps.AskUntilSavedAsync(terminal, form, account.AccountTypeId, answers, account, cancellationToken).ConfigureAwait(false);
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

        var result = await steps.SubmitAsync(account.AccountTypeId, merged, account, validate, cancellationToken).ConfigureAwait(false);
        return steps.Report(result, json, validate ? "Saved and validated" : "Saved (not validated)");
    }
}
