using Flows.Cli.Output;
using Flows.Forms.Terminal;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// `flows accounts list [--type &lt;account-type&gt;] [--label-contains &lt;text&gt;] [--limit N] [--after &lt;cursor&gt;]`:
/// a page of accounts with their status; nothing is decrypted. When more follow, the command that
/// lists them is named on standard error, so standard output stays one table or one JSON array.
/// </summary>
internal sealed class ListAccountsHandler(AccountStore store, CliOutput output)
{
    public async Task<int> RunAsync(ListAccountsRequest request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > AccountPageQuery.MaxLimit)
        {
            output.Error($"--limit {request.Limit}: give a number from 1 to {AccountPageQuery.MaxLimit}.");
            return 2;
        }

        AccountPage page;
        try
        {
            page = await store.ListPageAsync(
                new AccountPageQuery(AccountTypeId: request.AccountTypeId, LabelContains: request.LabelContains, Limit: request.Limit, After: request.After),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception) when (exception is not ArgumentOutOfRangeException && exception.ParamName == "after")
        {
            output.Error("--after is not a cursor this list gave: copy it from the \"more:\" line of the page before, or leave it out for the first page.");
            return 2;
        }

        var accounts = page.Accounts;
        if (request.Json)
        {
            output.WriteJson([.. accounts.Select(a => AccountView.ToJson(a))], CliJson.Output.AccountJsonArray);
        }
        else if (accounts.Count == 0)
        {
            output.Line(request.LabelContains is null && request.After is null
                ? "No accounts yet. Add one with: flows accounts add <account-type> --label <label> --set field=value …"
                : "No accounts match.");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Label").AddColumn("Type").AddColumn("Status").AddColumn("Id");
            foreach (var account in accounts)
            {
                table.AddRow(new Text(TerminalText.Plain(account.Label)), new Text(TerminalText.Plain(account.AccountTypeId)), new Text(TerminalText.Plain(AccountView.Badge(account.Status, account.SecretsProblem)), AccountView.StatusStyle(account.Status)), new Text(TerminalText.Plain(account.Id), new Style(Color.Grey)));
            }

            output.Console.Write(table);
        }

        if (page.Next is { } next)
        {
            output.Note($"more: --after {next}");
        }

        return 0;
    }
}

/// <summary>What `flows accounts list` was asked for.</summary>
internal sealed record ListAccountsRequest(string? AccountTypeId, string? LabelContains, int Limit, string? After, bool Json);
