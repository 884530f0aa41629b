using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts backup` and `flows accounts restore`: a copy of the store, and putting one back.</summary>
internal sealed class AccountBackupHandler(AccountStore store, CliOutput output)
{
    public async Task<int> BackupAsync(string file, CancellationToken cancellationToken)
    {
        var backup = await store.BackupAsync(file, cancellationToken).ConfigureAwait(false);
        output.Success($"Backed up {Accounts(backup.Accounts)} to {backup.Path} ({Holds(backup)}).");
        output.Line("The backup holds no key: keep the key (the key file in the data directory's keys/ folder, or FLOWS_SECRET_KEY) safe, and apart from the backup.");
        return 0;
    }

    public async Task<int> RestoreAsync(string file, string? keyFile, bool yes, CancellationToken cancellationToken)
    {
        string[] keys = [];
        if (keyFile is not null)
        {
            if (!File.Exists(keyFile))
            {
                output.Error($"--key-file {keyFile}: there is no such file.");
                return 2;
            }

            keys = [await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false)];
        }

        var needsConfirmation = false;
        var result = await store.RestoreAsync(file, keys, backup => Confirm(backup, yes, out needsConfirmation), cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            if (needsConfirmation)
            {
                output.Error("restoring replaces every account in the store and needs confirmation: add --yes when not running in a terminal.");
                return 2;
            }

            output.Line("Nothing restored.");
            return 1;
        }

        output.Success($"Restored {Accounts(result.Restored.Accounts)} from {result.Restored.Path}.");
        if (result.Reencrypted > 0)
        {
            output.Line($"  {result.Reencrypted} secret(s) encrypted again under this store's key.");
        }

        if (result.SideFile is not null)
        {
            output.Line($"  The store it replaced is kept as {result.SideFile}.");
        }

        return 0;
    }

    private bool Confirm(AccountStoreBackup backup, bool yes, out bool needsConfirmation)
    {
        needsConfirmation = false;
        output.Line($"{backup.Path}: {Accounts(backup.Accounts)} ({Holds(backup)}).");
        if (yes)
        {
            return true;
        }

        if (!output.IsInteractive)
        {
            needsConfirmation = true;
            return false;
        }

        return output.Console.Confirm($"Replace every account in {TerminalText.Markup(store.Location)} with these?", defaultValue: false);
    }

    private static string Accounts(int count) => count == 1 ? "1 account" : $"{count} accounts";

    private static string Holds(AccountStoreBackup backup) =>
        $"schema version {backup.SchemaVersion}; " +
        (backup.KeyIds.Count == 0 ? "no secrets" : $"secrets encrypted under key {string.Join(", ", backup.KeyIds)}");
}
