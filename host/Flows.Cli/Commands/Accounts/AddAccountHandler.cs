using Flows.Cli.Forms;
using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Flows.Forms;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// `flows accounts add &lt;account-type&gt;`: from the values given, or, when some are missing and a
/// person is at the terminal, through the form. Saved unchecked (Apply) or only if the connector
/// accepts it (--validate).
/// </summary>
internal sealed class AddAccountHandler(AccountService service, AccountForms forms, AccountCommandSteps steps, LoopbackSignIn signIn, CliOutput output)
{
    public async Task<int> RunAsync(
        string accountTypeId, string? label, IReadOnlyList<FieldAssignment> fields, bool allowSecretArgument, bool validate, bool json, SignInSettings signInSettings, CancellationToken cancellationToken)
    {
        var loaded = forms.Get(accountTypeId);
        if (loaded.Form is not { } form)
        {
            output.Error(loaded.Problem!);
            return 1;
        }

        Account? replaced = null;
        if (signInSettings.Replaces is { } replacesWhich)
        {
            // "Move to OAuth": the old account's label and the values both types share, unless given.
            if (await steps.FindAsync(replacesWhich, cancellationToken).ConfigureAwait(false) is not { } old)
            {
                return 1;
            }

            replaced = old;
            label ??= old.Label;
            fields = [.. CommandLineValues.Carried(form, old, fields), .. fields];
        }

        if (new CommandLineValues(output).Read(form, label, fields, allowSecretArgument) is not { } values)
        {
            return 2;
        }

        if (loaded.Type?.OAuth is { Flow: Flows.Host.Plugins.Manifests.OAuthFlow.AuthorizationCode } oauth)
        {
            // Signing in is the check: there is no Apply without it.
            if (output.IsInteractive && !json && !Complete(form, values))
            {
                values = new AccountTerminalForm(output.Console).AskMissing(form, values);
            }

            values = FormDefaults.FillIn(form.Schema.Model, values);
            var signedIn = await signIn.RunAsync(accountTypeId, values, null, oauth.Provider, signInSettings with { Replaces = replaced?.Id }, cancellationToken).ConfigureAwait(false);
            return steps.Report(signedIn!, json, replaced is null ? "Signed in and saved" : $"Signed in and saved in place of the {replaced.AccountTypeId} account");
        }

        // Everything given: no questions (scripts). Something missing and a person at the terminal: the form.
        if (output.IsInteractive && !json && !Complete(form, values))
        {
            var terminal = new AccountTerminalForm(output.Console);
            output.Console.Write(new Rule(TerminalText.Markup(form.AccountTypeTitle)).LeftJustified());
            values = terminal.AskMissing(form, values);
            return await steps.AskUntilSavedAsync(terminal, form, accountTypeId, values, null, cancellationToken).ConfigureAwait(false);
        }

        // What a new form would have offered for the fields not given (a port, an SSL mode).
        values = FormDefaults.FillIn(form.Schema.Model, values);
        var result = validate
            ? await service.SaveAndValidateAsync(accountTypeId, values, null, cancellationToken).ConfigureAwait(false)
            : await service.ApplyAsync(accountTypeId, values, null, cancellationToken).ConfigureAwait(false);
        return steps.Report(result, json, validate ? "Saved and validated" : "Saved (not validated)");
    }

    private static bool Complete(AccountForm form, FormValues values) =>
        !string.IsNullOrWhiteSpace(values.Last(FormPath.Label)) && form.Schema.Submit(values).IsValid;
}
