using System.Globalization;
using Flows.Cli.Output;
using Flows.Host.Accounts;

namespace Flows.Cli.Commands.Store;

/// <summary>
/// `flows store copy --from &lt;store&gt; --to &lt;store&gt;`: every account into another store, then a
/// check that the target holds them and that every secret in it decrypts with this flows's keys.
/// Exit code 1 when the copy is refused or the check fails, 2 for an address that does not parse.
/// </summary>
internal sealed class StoreCopyHandler(AccountStore configured, CliOutput output)
{
    /// <summary>What names the configured store on the command line (as leaving out --from does).</summary>
    public const string DefaultStore = "default";

    public async Task<int> RunAsync(string? from, string to, bool intoNonEmpty, bool json, CancellationToken cancellationToken)
    {
        if (!TryOpen("--from", from, out var source) || !TryOpen("--to", to, out var target))
        {
            return 2;
        }

        var result = await source.CopyToAsync(target, intoNonEmpty, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            output.WriteJson(StoreCopyJson.Of(result), StoreJson.Output.StoreCopyJson);
            return result.Verified ? 0 : 1;
        }

        var copied = Counts(result.Copied);
        if (result.Verified)
        {
            output.Success($"{copied} copied; every secret decrypts.");
            output.Line($"  from {result.Source}");
            output.Line($"  to {result.Target}");
            return 0;
        }

        output.Line($"{copied} copied from {result.Source} to {result.Target}.");
        if (result.Found != result.Expected)
        {
            output.Error($"{result.Target} holds {Counts(result.Found)}, where {Counts(result.Expected)} were expected: something else wrote to it during the copy. Check it before you use it.");
        }

        if (result.Unreadable.Count > 0)
        {
            output.Error($"the secrets of {Plural(result.Unreadable.Count, "account")} in {result.Target} do not decrypt with the keys this flows has:");
            foreach (var account in result.Unreadable)
            {
                output.ErrorDetail(account.KeyMissing
                    ? $"\"{account.Label}\" ({account.PluginId}): no key with id {account.KeyId} is at hand"
                    : $"\"{account.Label}\" ({account.PluginId}): they do not decrypt with key {account.KeyId} (the key is wrong or the stored data was changed)");
            }

            output.ErrorDetail(
                $"They were copied as they were. Give this flows (and every node using {result.Target}) the key they were encrypted with: " +
                $"{AccountStoreOptions.SecretKeyVariable}, or {AccountStoreOptions.PreviousSecretKeysVariable} beside the current one.");
        }

        return 1;
    }

    // A store named on the command line, with this flows's keys; false (and said why) when the address does not parse.
    private bool TryOpen(string option, string? store, out AccountStore opened)
    {
        opened = configured;
        if (string.IsNullOrWhiteSpace(store) || string.Equals(store.Trim(), DefaultStore, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            opened = configured.OpenOther(store);
            return true;
        }
        catch (FormatException exception)
        {
            // The message never quotes the address: it may hold a password.
            output.Error($"{option}: {exception.Message}");
            return false;
        }
    }

    private static string Counts(StoreRowCounts counts) =>
        $"{Plural(counts.Accounts, "account")}, {Plural(counts.Secrets, "secret")}, {Plural(counts.SignIns, "sign-in")}";

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
