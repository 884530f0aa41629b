using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts remove &lt;account&gt; [--yes]`: deletes an account and its secrets, after asking (or with --yes).</summary>
internal sealed class RemoveAccountHandler(AccountService service, AccountCommandSteps steps, CliOutput output)
{
    public async Task<int> RunAsync(string which, bool yes, CancellationToken cancellationToken)
    {
        if (await steps.FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
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

        var deletion = await service.DeleteAsync(account, null, cancellationToken).ConfigureAwait(false);
        output.Success($"Deleted {account.Label}.");
        if (deletion.Revocation is { } revocation)
        {
            output.Line(revocation);
        }
        return 0;
    }
}
