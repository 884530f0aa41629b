using Flows.Cli.Output;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts rotate-key`: every stored secret encrypted again under a new key; exit code 1 when some could not be read.</summary>
internal sealed class RotateKeyHandler(AccountStore store, CliOutput output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var result = await store.RotateKeyAsync(cancellationToken).ConfigureAwait(false);
        output.Success($"Secrets now encrypted under key {result.KeyId}: {result.Reencrypted} re-encrypted.");
        if (result.Unreadable > 0)
        {
            output.Line($"  {result.Unreadable} secret(s) could not be read with any known key and were left as they were.", new Style(Color.Yellow));
        }

        return result.Unreadable > 0 ? 1 : 0;
    }
}
