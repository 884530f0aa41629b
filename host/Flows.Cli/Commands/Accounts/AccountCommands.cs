using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts …`: add, list, show, edit, validate and remove accounts, for scripts and people.</summary>
internal static class AccountCommands
{
    public static Command Create(Func<IServiceProvider> services)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON for scripts. Secrets are never included." };
        var set = new Option<string[]>("--set") { Description = "A field value, field=value (the field's form name, e.g. username or auth@1.token, or its JSON Pointer, e.g. /auth/token). Not for secrets: see --set-from-env.", AllowMultipleArgumentsPerToken = false };
        var setFromEnv = new Option<string[]>("--set-from-env") { Description = "A field value read from an environment variable, field=VARIABLE, so secrets stay out of shell history." };
        var fromStdin = new Option<string>("--set-from-stdin") { Description = "The field whose value is read from standard input (one secret, piped in), so it never sits in shell history." };
        var allowSecret = new Option<bool>("--allow-secret-argument") { Description = "Accept a secret field's value given with --set (other users can see it in the process list; prefer --set-from-env or --set-from-stdin)." };
        var validate = new Option<bool>("--validate") { Description = "Save & Validate: save only if the connector accepts the account." };

        var type = new Argument<string>("account-type") { Description = "The account type id, e.g. salesforce.standard." };
        var label = new Option<string>("--label") { Description = "The account's label (unique per connector)." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "For accounts that sign in in a browser: only print the address, do not open a browser." };
        var signInTimeout = new Option<TimeSpan>("--sign-in-timeout")
        {
            Description = "How long to wait for a browser sign-in: minutes (5), or a number with s or m (90s, 10m); default 5 minutes.",
            DefaultValueFactory = _ => LoopbackSignIn.DefaultTimeLimit,
            CustomParser = SignInTimeLimit.Parse,
        };
        var signInPort = new Option<int?>("--sign-in-port") { Description = "The port of http://127.0.0.1:PORT/callback, for providers that need the exact redirect URI registered (default: a free port)." };
        var replaces = new Option<string>("--replaces") { Description = "An account (label or id) of the same connector this one replaces once signed in, e.g. a Salesforce.com account moved to OAuth; its label and shared values are carried over." };
        var add = new Command("add", "Add an account. Saves it unchecked (Apply), or with --validate only if the connector accepts it. Accounts that sign in with OAuth in a browser are saved once signed in.")
        {
            type, label, set, setFromEnv, fromStdin, allowSecret, validate, json, noBrowser, signInTimeout, signInPort, replaces,
        };
        add.SetAction((r, ct) => Resolve<AddAccountHandler>(services).RunAsync(
            r.GetValue(type)!, r.GetValue(label), Pairs(r, set, setFromEnv, fromStdin), r.GetValue(allowSecret), r.GetValue(validate), r.GetValue(json),
            new SignInSettings(r.GetValue(signInPort), r.GetValue(signInTimeout), !r.GetValue(noBrowser), r.GetValue(replaces)), ct));

        var typeFilter = new Option<string>("--type") { Description = "Only accounts of this account type." };
        var labelContains = new Option<string>("--label-contains") { Description = "Only accounts whose label contains this text (case ignored)." };
        var limit = new Option<int>("--limit") { Description = $"How many accounts at most (1 to {Flows.Host.Accounts.AccountPageQuery.MaxLimit}; default {Flows.Host.Accounts.AccountPageQuery.DefaultLimit}). When more follow, standard error says: more: --after <cursor>.", DefaultValueFactory = _ => Flows.Host.Accounts.AccountPageQuery.DefaultLimit };
        var after = new Option<string>("--after") { Description = "Continue after the page that printed this cursor (its \"more:\" line)." };
        var list = new Command("list", "List accounts with their status, by label, a page at a time.") { typeFilter, labelContains, limit, after, json };
        list.SetAction((r, ct) => Resolve<ListAccountsHandler>(services).RunAsync(
            new ListAccountsRequest(r.GetValue(typeFilter), r.GetValue(labelContains), r.GetValue(limit), r.GetValue(after), r.GetValue(json)), ct));

        var which = new Argument<string>("account") { Description = "The account's label or id." };
        var show = new Command("show", "Show one account; secrets are shown as set or not set.") { which, json };
        show.SetAction((r, ct) => Resolve<ShowAccountHandler>(services).RunAsync(r.GetValue(which)!, r.GetValue(json), ct));

        var editWhich = new Argument<string>("account") { Description = "The account's label or id." };
        var edit = new Command("edit", "Change fields of an account; secrets not given are kept.") { editWhich, label, set, setFromEnv, fromStdin, allowSecret, validate, json };
        edit.SetAction((r, ct) => Resolve<EditAccountHandler>(services).RunAsync(r.GetValue(editWhich)!, r.GetValue(label), Pairs(r, set, setFromEnv, fromStdin), r.GetValue(allowSecret), r.GetValue(validate), r.GetValue(json), ct));

        var validateWhich = new Argument<string>("account") { Description = "The account's label or id." };
        var revalidate = new Command("validate", "Check a saved account with its connector again and record the result.") { validateWhich, json };
        revalidate.SetAction((r, ct) => Resolve<ValidateAccountHandler>(services).RunAsync(r.GetValue(validateWhich)!, r.GetValue(json), ct));

        var removeWhich = new Argument<string>("account") { Description = "The account's label or id." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (needed when not run from a terminal)." };
        var remove = new Command("remove", "Delete an account.") { removeWhich, yes };
        remove.SetAction((r, ct) => Resolve<RemoveAccountHandler>(services).RunAsync(r.GetValue(removeWhich)!, r.GetValue(yes), ct));

        var rotate = new Command("rotate-key", "Encrypt every stored secret under a new key (the old key file is kept until nothing uses it).");
        rotate.SetAction((r, ct) => Resolve<RotateKeyHandler>(services).RunAsync(ct));

        var backupFile = new Argument<string>("file") { Description = "Where to write the backup (replaced if it exists)." };
        var backup = new Command("backup", "Copy the account store to a file, consistent while others write; secrets stay encrypted (the key is not in it).") { backupFile };
        backup.SetAction((r, ct) => Resolve<AccountBackupHandler>(services).BackupAsync(r.GetValue(backupFile)!, ct));

        var restoreFile = new Argument<string>("file") { Description = "A backup made with flows accounts backup." };
        var keyFile = new Option<string>("--key-file") { Description = "A file holding the key the backup's secrets were encrypted with (base64), when it is not this store's key; they are encrypted again under this store's key." };
        var restore = new Command("restore", "Replace the accounts with those of a backup, after checking it; the replaced store is kept beside it.") { restoreFile, keyFile, yes };
        restore.SetAction((r, ct) => Resolve<AccountBackupHandler>(services).RestoreAsync(r.GetValue(restoreFile)!, r.GetValue(keyFile), r.GetValue(yes), ct));

        return new Command("accounts", "Manage the accounts made with connectors.") { add, list, show, edit, revalidate, remove, rotate, backup, restore };
    }

    private static T Resolve<T>(Func<IServiceProvider> services)
        where T : notnull => services().GetRequiredService<T>();

    private static IReadOnlyList<FieldAssignment> Pairs(ParseResult result, Option<string[]> set, Option<string[]> fromEnv, Option<string> fromStdin) =>
        [.. (result.GetValue(set) ?? []).Select(p => FieldAssignment.Parse(p, ValueSource.Literal)),
         .. (result.GetValue(fromEnv) ?? []).Select(p => FieldAssignment.Parse(p, ValueSource.Environment)),
         .. result.GetValue(fromStdin) is { } field ? [new FieldAssignment(field, string.Empty, ValueSource.StandardInput)] : Array.Empty<FieldAssignment>()];
}

/// <summary>Where a field's value comes from on the command line.</summary>
internal enum ValueSource
{
    /// <summary>--set field=value.</summary>
    Literal,

    /// <summary>--set-from-env field=VARIABLE.</summary>
    Environment,

    /// <summary>--set-from-stdin field.</summary>
    StandardInput,
}

/// <summary>One field value given on the command line; <see cref="Source"/> is the value or the variable's name.</summary>
internal sealed record FieldAssignment(string Field, string Source, ValueSource Kind)
{
    public static FieldAssignment Parse(string text, ValueSource kind)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? new FieldAssignment(text, string.Empty, kind)
            : new FieldAssignment(text[..equals], text[(equals + 1)..], kind);
    }
}
