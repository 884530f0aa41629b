using Flows.Forms.AspNetCore;
using System.Globalization;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Plugins;
using Flows.Web.Forms;
using Flows.Web.Pages.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using static Flows.Web.Pages.PageResults;

namespace Flows.Web.Pages.Accounts;

/// <summary>
/// Add and edit an account: the form drawn from the connector's schema, with Save &amp; Validate,
/// Apply and Cancel. A refused post comes back with everything typed still there (secrets sealed in
/// a short-lived draft only the server can open, never in the page in clear) and each message next
/// to its field. The edit form carries the version of the account it shows, so it never overwrites
/// changes made after it was opened.
/// </summary>
internal static class AccountFormHandlers
{
    /// <summary>The edit form's hidden field with the version of the account it shows.</summary>
    public const string VersionField = "$version";

    /// <summary>The new-account form's hidden field with the account it replaces once signed in ("Move to OAuth").</summary>
    public const string ReplacesField = "$replaces";

    public static async Task<IResult> GetNewAsync(
        string pluginId, string accountTypeId, string? replaces, HttpContext context, PluginCatalog catalog, AccountForms forms, BlankFormPages blanks, AccountStore store)
    {
        if (Resolve(pluginId, accountTypeId, catalog, forms) is not { } target)
        {
            return NotFound(pluginId, accountTypeId, catalog, forms);
        }

        if (replaces is not null)
        {
            // "Move to OAuth": the old account's label and the values both types share, ready to sign in.
            var old = await store.GetAsync(replaces, context.RequestAborted).ConfigureAwait(false);
            if (old is null || old.PluginId != pluginId)
            {
                return ErrorPages.NotFound($"There is no account with id '{replaces}' to move.");
            }

            var carried = FormBinder.Unbind(target.Form.Schema.Model, old.NonSecretValues).Add(FormPath.Label, old.Label);
            return Render(context, target with { Replaces = old.Id }, carried, new FormErrors(), StoredSecrets(target), verdict: null);
        }

        var blank = await blanks.GetAsync(target).ConfigureAwait(false);
        return blank.For(context);
    }

    public static async Task<IResult> PostNewAsync(
        string pluginId, string accountTypeId, HttpContext context, PluginCatalog catalog, AccountForms forms, AccountService service)
    {
        if (Resolve(pluginId, accountTypeId, catalog, forms) is not { } target)
        {
            return NotFound(pluginId, accountTypeId, catalog, forms);
        }

        return await PostAsync(context, target, service).ConfigureAwait(false);
    }

    public static async Task<IResult> GetEditAsync(string accountId, HttpContext context, PluginCatalog catalog, AccountForms forms, AccountStore store, CancellationToken cancellationToken)
    {
        var account = await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null || Resolve(account.PluginId, account.AccountTypeId, catalog, forms) is not { } target)
        {
            return ErrorPages.NotFound(account is null ? $"There is no account with id '{accountId}'." : $"The connector of '{account.Label}' is not available.");
        }

        target = target with { Account = account, ReadVersion = account.Version };
        var values = FormBinder.Unbind(target.Form.Schema.Model, account.NonSecretValues).Add(FormPath.Label, account.Label);
        var errors = new FormErrors();
        if (account.SecretsProblem is { } problem)
        {
            errors.AddForm(problem);
        }

        return Render(context, target, values, errors, StoredSecrets(target), verdict: null);
    }

    public static async Task<IResult> PostEditAsync(
        string accountId, HttpContext context, PluginCatalog catalog, AccountForms forms, AccountStore store, AccountService service)
    {
        var (posted, _) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        var readVersion = long.TryParse(posted[VersionField].ToString(), System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : (long?)null;
        var account = await store.GetAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        if (account is null && readVersion is not null)
        {
            return Deleted();
        }

        if (account is null || Resolve(account.PluginId, account.AccountTypeId, catalog, forms) is not { } target)
        {
            return ErrorPages.NotFound($"There is no account with id '{accountId}'.");
        }

        // A form posted without a version (a page from an older build) edits the account as it is stored.
        return await PostAsync(context, target with { Account = account, ReadVersion = readVersion ?? account.Version }, service).ConfigureAwait(false);
    }

    private static IResult Deleted() =>
        ErrorPages.Problem("This account was deleted", AccountConflicts.Deleted, StatusCodes.Status404NotFound, "/");

    private static async Task<IResult> PostAsync(HttpContext context, AccountFormTarget target, AccountService service)
    {
        var post = await SchemaFormPost.ReadAsync(context, target.Form.Schema.Model, DraftScope(target), [VersionField, ReplacesField]).ConfigureAwait(false);
        var action = post.Action;
        if (action == "cancel")
        {
            // Cancel saves nothing and goes back where the user came from.
            return SeeOther(Routes.Connector(target.Plugin.Id, target.Account?.Id));
        }

        var replaces = target.Account is null && context.Request.HasFormContentType && context.Request.Form[ReplacesField].ToString() is { Length: > 0 } replacing ? replacing : null;
        target = target with { Replaces = replaces };
        var values = post.Values;
        var errors = new FormErrors();
        if (!post.Trusted)
        {
            errors.AddForm("This form could not be trusted (it was open across a sign-out, or it came from another site), so nothing was saved. Check the values and press the button again.");
            return Render(context, target, values, errors, StoredSecrets(target), verdict: null, StatusCodes.Status400BadRequest);
        }

        if (post.Problem is not null)
        {
            // Saving now would save without the secrets the user believes are set.
            errors.AddForm(post.Problem);
            return Render(context, target, values, errors, StoredSecrets(target), verdict: null, StatusCodes.Status422UnprocessableEntity);
        }

        if (post.RowsChanged)
        {
            // "Add a row" or "Remove" without JavaScript: the same form again with the change, nothing saved.
            return Render(context, target, values, errors, StoredSecrets(target), verdict: null);
        }

        if (action == "sign-in" && target.Type.OAuth is not null)
        {
            return await OAuth.OAuthHandlers.BeginAsync(context, target, values, replaces, service).ConfigureAwait(false);
        }

        var validate = action != "apply";
        var result = (target.Account, validate) switch
        {
            ({ } account, true) => await service.SaveAndValidateAsync(target.Type.Id, values, account.Id, target.ReadVersion!.Value, context.RequestAborted).ConfigureAwait(false),
            ({ } account, false) => await service.ApplyAsync(target.Type.Id, values, account.Id, target.ReadVersion!.Value, context.RequestAborted).ConfigureAwait(false),
            (null, true) => await service.SaveAndValidateAsync(target.Type.Id, values, null, context.RequestAborted).ConfigureAwait(false),
            (null, false) => await service.ApplyAsync(target.Type.Id, values, null, context.RequestAborted).ConfigureAwait(false),
        };
        return Rerender(context, target, values, result);
    }

    /// <summary>What a button press did, as the next page: the connector's page when saved, otherwise the form again with why.</summary>
    internal static IResult Rerender(HttpContext context, AccountFormTarget target, FormValues values, AccountCommandResult result)
    {
        if (result.Saved)
        {
            return SeeOther(Routes.Connector(target.Plugin.Id, result.Account!.Id) + "&notice=saved");
        }

        if (result.CannotBeValidated)
        {
            // Now known: the form leads with Apply from here on.
            return Render(context, target with { CanValidate = false }, values, result.Errors, StoredSecrets(target), verdict: null, StatusCodes.Status422UnprocessableEntity);
        }

        return result.Conflict switch
        {
            AccountConflict.Deleted => ErrorPages.Problem("This account was deleted", AccountConflicts.Deleted, StatusCodes.Status404NotFound, Routes.Connector(target.Plugin.Id)),
            // Still the version the user opened: pressing the button again cannot overwrite the newer values either.
            AccountConflict.Changed => Render(context, target, values, result.Errors, StoredSecrets(target), result.Verdict, StatusCodes.Status409Conflict),
            _ => Render(context, target, values, result.Errors, StoredSecrets(target), result.Verdict, StatusCodes.Status422UnprocessableEntity),
        };
    }

    // Secrets typed so far go back into the page sealed, never in clear, and show as set.
    private static RazorComponentResult<AccountFormPage> Render(
        HttpContext context, AccountFormTarget target, FormValues values, FormErrors errors, IReadOnlySet<string> storedSecrets,
        AccountValidationResult? verdict, int status = StatusCodes.Status200OK)
    {
        var model = target.Form.Schema.Model;
        var draft = Drafts(context).Seal(context, DraftScope(target), model, values);
        var shownAsSet = storedSecrets.Union(SecretDrafts.Kept(model, values)).ToHashSet(StringComparer.Ordinal);
        return PageResults.Page<AccountFormPage>(
            new { Target = target, Values = values, Errors = errors, StoredSecrets = shownAsSet, Verdict = verdict, SealedSecrets = draft },
            status);
    }

    private static SecretDrafts Drafts(HttpContext context) => context.RequestServices.GetRequiredService<SecretDrafts>();

    private static string DraftScope(AccountFormTarget target) => $"{target.Type.Id}/{target.Account?.Id ?? "new"}";

    private static HashSet<string> StoredSecrets(AccountFormTarget target) =>
        target.Account is { SecretsAvailable: true } account
            ? FormBinder.StoredSecrets(target.Form.Schema.Model, account.GetValues()).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The form of an account type of a connector, or null when either is unknown or the form cannot be drawn.</summary>
    internal static AccountFormTarget? Target(string pluginId, string accountTypeId, PluginCatalog catalog, AccountForms forms) => Resolve(pluginId, accountTypeId, catalog, forms);

    private static AccountFormTarget? Resolve(string pluginId, string accountTypeId, PluginCatalog catalog, AccountForms forms)
    {
        var type = catalog.FindAccountType(accountTypeId);
        if (type is null || type.Plugin.Id != pluginId)
        {
            return null;
        }

        return forms.Get(accountTypeId) is { Form: { } form } ? new AccountFormTarget(type.Plugin, type, form, null) { CanValidate = catalog.HasValidator(accountTypeId) } : null;
    }

    private static IResult NotFound(string pluginId, string accountTypeId, PluginCatalog catalog, AccountForms forms)
    {
        var type = catalog.FindAccountType(accountTypeId);
        if (type is not null && type.Plugin.Id == pluginId && forms.Get(accountTypeId).Problem is { } problem)
        {
            return ErrorPages.Problem("This form cannot be shown", problem, StatusCodes.Status500InternalServerError);
        }

        return ErrorPages.NotFound(catalog.Find(pluginId) is { } plugin && plugin.Status != PluginStatus.Active
            ? $"{plugin.DisplayName} is {plugin.Status}: {plugin.Reason}"
            : $"There is no account type '{accountTypeId}' in connector '{pluginId}'.");
    }
}
