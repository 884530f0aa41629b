using Flows.Host.Accounts;
using Flows.Web.Pages.Errors;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.PageResults;

namespace Flows.Web.Pages.Accounts;

/// <summary>Validate again and delete, from the connector page.</summary>
internal static class AccountActionHandlers
{
    public static async Task<IResult> ValidateAsync(string accountId, HttpContext context, AccountStore store, AccountService service)
    {
        var (_, trusted) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        var account = await store.GetAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            return ErrorPages.NotFound($"There is no account with id '{accountId}'.");
        }

        if (!trusted)
        {
            return ErrorPages.Untrusted(Routes.Connector(account.PluginId, account.Id));
        }

        var result = await service.RevalidateAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        if (result.Conflict == AccountConflict.Deleted)
        {
            return ErrorPages.Problem("This account was deleted", AccountConflicts.Deleted, StatusCodes.Status404NotFound, Routes.Connector(account.PluginId));
        }

        if (!result.Saved)
        {
            return ErrorPages.Problem("The account could not be checked", string.Join(" ", result.Errors.All()), StatusCodes.Status409Conflict, Routes.Connector(account.PluginId, account.Id));
        }

        return SeeOther(Routes.Connector(account.PluginId, account.Id) + "&notice=validated");
    }

    public static async Task<IResult> ConfirmDeleteAsync(string accountId, HttpContext context, AccountStore store)
    {
        var account = await store.GetAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        return account is null
            ? ErrorPages.NotFound($"There is no account with id '{accountId}'.")
            : Page<DeleteConfirmPage>(new { Account = account });
    }

    public static async Task<IResult> DeleteAsync(string accountId, HttpContext context, AccountStore store, AccountService service)
    {
        var (_, trusted) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        var account = await store.GetAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            return ErrorPages.NotFound($"There is no account with id '{accountId}'.");
        }

        if (!trusted)
        {
            return ErrorPages.Untrusted(Routes.DeleteAccount(account.Id));
        }

        var deletion = await service.DeleteAsync(account, null, context.RequestAborted).ConfigureAwait(false);
        var notice = deletion.Revocation is null ? "deleted" : deletion.Revoked ? "deleted-revoked" : "deleted-not-revoked";
        return SeeOther(Routes.Connector(account.PluginId) + $"?notice={notice}");
    }
}
