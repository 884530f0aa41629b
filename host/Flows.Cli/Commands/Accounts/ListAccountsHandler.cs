using Flows.Cli.Output;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts list [--type &lt;account-type&gt;]`: every account with its status; nothing is decrypted.</summary>
internal sealed class ListAccountsHandler(AccountStore store, CliOutput output)
{
    public async Task<int> RunAsync(string? accountTypeId, bool json, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(accountTypeId, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            output.WriteJson([.. accounts.Select(a => AccountView.ToJson(a))], CliJson.Output.AccountJsonArray);
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
            table.AddRow(new Text(TerminalText.Plain(account.Label)), new Text(TerminalText.Plain(account.AccountTypeId)), new Text(TerminalText.Plain(AccountView.Badge(account.Status, account.SecretsProblem)), AccountView.StatusStyle(account.Status)), new Text(TerminalText.Plain(account.Id), new Style(Color.Grey)));
        }

        output.Console.Write(table);
        return 0;
    }
}
