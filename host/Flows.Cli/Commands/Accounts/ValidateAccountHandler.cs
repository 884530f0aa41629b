using Flows.Cli.Output;
using Flows.Contracts;
using Flows.Host.Accounts;

namespace Flows.Cli.Commands.Accounts;

/// <summary>`flows accounts validate &lt;account&gt;`: checks a saved account with its connector again and records the result; exit code 0 only when valid.</summary>
internal sealed class ValidateAccountHandler(AccountService service, AccountCommandSteps steps, CliOutput output)
{
    public async Task<int> RunAsync(string which, bool json, CancellationToken cancellationToken)
    {
        if (await steps.FindAsync(which, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return 1;
        }

        var result = await service.RevalidateAsync(account.Id, cancellationToken).ConfigureAwait(false);
        if (!result.Errors.IsEmpty || result.Account is null)
        {
            return steps.Report(result, json, "Checked");
        }

        if (json)
        {
            output.WriteJson([AccountView.ToJson(result.Account.ToSummary())], CliJson.Output.AccountJsonArray);
        }
        else
        {
            output.Line($"{account.Label}: {AccountView.Badge(result.Account.Status, null)}", AccountView.StatusStyle(result.Account.Status));
        }

        return result.Verdict?.Outcome == AccountValidationOutcome.Valid ? 0 : 1;
    }
}
