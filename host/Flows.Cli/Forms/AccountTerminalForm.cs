using Flows.Forms;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Forms;

/// <summary>
/// An account form in the terminal: the Label and the connector's fields, asked by the Flows.Forms.Terminal
/// package, and the actions only an account has (Save &amp; Validate, Apply, Cancel).
/// </summary>
/// <param name="storedSecrets">Post names of secrets an edited account already has: leaving them empty keeps them.</param>
internal sealed class AccountTerminalForm(IAnsiConsole console, IReadOnlySet<string> storedSecrets)
{
    private readonly TerminalForm _form = new(console) { StoredSecrets = storedSecrets };

    /// <summary>A new account's form: no secret is stored yet.</summary>
    public AccountTerminalForm(IAnsiConsole console)
        : this(console, new HashSet<string>(StringComparer.Ordinal))
    {
    }

    /// <summary>Asks every field of an account being edited, offering what is stored as the default (Enter keeps it).</summary>
    public FormValues AskAll(AccountForm form, FormValues current) => _form.AskAll(form.Fields, current);

    /// <summary>Asks every field that <paramref name="values"/> does not already answer; returns the completed values.</summary>
    public FormValues AskMissing(AccountForm form, FormValues values) => _form.AskMissing(form.Fields, values);

    /// <summary>Shows what is wrong and asks the named fields again.</summary>
    public FormValues AskAgain(AccountForm form, FormValues values, FormErrors errors) => _form.AskAgain(form.Fields, values, errors);

    /// <summary>Save &amp; Validate, Apply, or Cancel.</summary>
    /// <param name="canValidate">Whether the connector may check the account.</param>
    /// <param name="applyFirst">Whether Enter picks Apply although the connector may check: its last check could not be made.</param>
    public FormAction AskAction(bool canValidate, bool applyFirst = false)
    {
        var choices = canValidate ? new[] { FormAction.SaveAndValidate, FormAction.Apply, FormAction.Cancel } : [FormAction.Apply, FormAction.Cancel];

        // A selection starts on its default value, which is otherwise default(T): the first action here.
        return console.Prompt(new SelectionPrompt<FormAction>()
            .Title("What now?")
            .AddChoices(choices)
            .DefaultValue(applyFirst || !canValidate ? FormAction.Apply : FormAction.SaveAndValidate)
            .UseConverter(a => a switch
            {
                FormAction.SaveAndValidate => "Save & Validate",
                FormAction.Apply => "Apply (save without checking)",
                _ => "Cancel (save nothing)",
            }));
    }
}

/// <summary>The actions offered at the end of an account form.</summary>
internal enum FormAction
{
    SaveAndValidate,
    Apply,
    Cancel,
}
