using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Plugins;
using Flows.Web.Pages.Accounts;
using Flows.Web.Pages.Errors;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.PageResults;

namespace Flows.Web.Pages.OAuth;

/// <summary>
/// The browser sign-in of an OAuth account: the form's "Sign in with …" sends the browser to the
/// provider; the provider sends it back to <see cref="Routes.OAuthCallback"/>, where the account is
/// saved once its tokens are obtained and the connector's check accepts them; the next page shows how it went.
/// </summary>
internal static class OAuthHandlers
{
    /// <summary>The redirect URI of this server, as the provider must have it registered.</summary>
    public static Uri RedirectUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}{Routes.OAuthCallback}");

    /// <summary>The form's "Sign in with …": checks the form, then sends the browser to the provider.</summary>
    public static async Task<IResult> BeginAsync(HttpContext context, AccountFormTarget target, FormValues values, string? replaces, AccountService service)
    {
        var start = await service.BeginSignInAsync(
            target.Type.Id, values, target.Account?.Id, target.ReadVersion, replaces, RedirectUri(context.Request), SignInBinding.For(context), context.RequestAborted).ConfigureAwait(false);
        if (start.AuthorizationUrl is not { } url)
        {
            return AccountFormHandlers.Rerender(context, target, values, start.Refused!);
        }

        var provider = target.Type.OAuth!.Provider;
        return Page<ContinuePage>(new { Title = $"Signing in with {provider}", Text = $"Taking you to {provider} to sign in; it sends you back here. If nothing happens, press Continue.", Url = url.AbsoluteUri });
    }

    /// <summary>The provider's redirect: finish the sign-in, then show the outcome one same-site step later.</summary>
    public static async Task<IResult> CallbackAsync(HttpContext context, AccountService service, SignInOutcomes outcomes)
    {
        var query = context.Request.Query;
        var binding = SignInBinding.Presented(context);
        var completion = await service.CompleteSignInAsync(
            query["state"].ToString(), NullIfEmpty(query["code"].ToString()), NullIfEmpty(query["error"].ToString()), NullIfEmpty(query["error_description"].ToString()),
            binding, context.RequestAborted).ConfigureAwait(false);
        if (completion.Form is null)
        {
            return ErrorPages.Problem("The sign-in did not finish", completion.LostReason!, StatusCodes.Status400BadRequest, Routes.Connectors);
        }

        var id = await outcomes.KeepAsync(completion, binding, context.RequestAborted).ConfigureAwait(false);
        return Page<ContinuePage>(new { Title = "Back from signing in", Text = "Finishing the sign-in.", Url = Routes.OAuthFinish(id) });
    }

    /// <summary>How the sign-in ended: the connector's page with the saved account, or the form again with why.</summary>
    public static async Task<IResult> Finish(string outcomeId, HttpContext context, SignInOutcomes outcomes, PluginCatalog catalog, AccountForms forms, AccountStore store)
    {
        if (await outcomes.TakeAsync(outcomeId, SignInBinding.Presented(context), context.RequestAborted).ConfigureAwait(false) is not { } outcome)
        {
            return ErrorPages.Problem("Nothing to show", "This sign-in's result was already shown or is too old. Its account, if it was saved, is on the connector's page.", StatusCodes.Status404NotFound, Routes.Connectors);
        }

        if (outcome.SavedAccountId is { } saved)
        {
            return SeeOther(Routes.Connector(outcome.PluginId, saved) + "&notice=signed-in");
        }

        if (AccountFormHandlers.Target(outcome.PluginId, outcome.AccountTypeId, catalog, forms) is not { } target)
        {
            return ErrorPages.NotFound($"The connector '{outcome.PluginId}' is not available.");
        }

        // The edited account as it is now, on whichever node shows this.
        var edited = outcome.AccountId is null ? null : await store.GetAsync(outcome.AccountId, context.RequestAborted).ConfigureAwait(false);
        if (outcome.AccountId is not null && edited is null)
        {
            return ErrorPages.Problem("This account was deleted", AccountConflicts.Deleted, StatusCodes.Status404NotFound, Routes.Connector(outcome.PluginId));
        }

        target = target with { Account = edited, ReadVersion = edited is null ? null : outcome.ReadVersion, Replaces = outcome.ReplacesAccountId };
        return AccountFormHandlers.Rerender(context, target, outcome.FormValues(), outcome.Result(edited));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
