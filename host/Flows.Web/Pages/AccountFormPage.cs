using System.Globalization;
using System.Text;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Host.Forms;
using Flows.Host.Plugins;
using Flows.Web.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>
/// Add and edit an account: the form drawn from the connector's schema, with Save &amp; Validate,
/// Apply and Cancel. A refused post comes back with everything typed still there (except secrets,
/// which are never written into a page) and each message next to its field. The edit form carries
/// the version of the account it shows, so it never overwrites changes made after it was opened.
/// </summary>
internal static class AccountFormPage
{
    private const string VersionField = "$version";

    public static IResult GetNew(string pluginId, string accountTypeId, HttpContext context, PluginCatalog catalog, AccountForms forms, BlankFormPages blanks)
    {
        if (Resolve(pluginId, accountTypeId, catalog, forms) is not { } target)
        {
            return NotFound(pluginId, accountTypeId, catalog, forms);
        }

        var blank = blanks.Get(target.Plugin, target.Type, target.Form, target.CanValidate, () => PageHtml(
            target, new FormValues(), new FormErrors(), new HashSet<string>(StringComparer.Ordinal), verdict: null, BlankFormPages.TokenMark));
        return Page(string.Concat(blank.Before, PageForm.Token(context), blank.After));
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

        // A form opened before versions existed has none: it edits the account as stored now.
        return await PostAsync(context, target with { Account = account, ReadVersion = readVersion ?? account.Version }, service).ConfigureAwait(false);
    }

    private static IResult Deleted() =>
        ErrorPages.Problem("This account was deleted", AccountConflicts.Deleted, StatusCodes.Status404NotFound, "/");

    private static async Task<IResult> PostAsync(HttpContext context, Target target, AccountService service)
    {
        var (posted, trusted) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        var action = posted["action"].ToString();
        if (action == "cancel")
        {
            // Cancel saves nothing and goes back where the user came from.
            return SeeOther(Routes.Connector(target.Plugin.Id, target.Account?.Id));
        }

        var values = PageForm.Values(posted).Without(VersionField).Without(SecretDrafts.Field);
        var errors = new FormErrors();
        if (!trusted)
        {
            errors.AddForm("This form could not be trusted (it was open across a sign-out, or it came from another site), so nothing was saved. Check the values and press the button again.");
            return Render(context, target, values, errors, StoredSecrets(target), verdict: null, StatusCodes.Status400BadRequest);
        }

        (values, var draftProblem) = Drafts(context).Restore(context, DraftScope(target), target.Form.Schema.Model, posted[SecretDrafts.Field].ToString(), values);
        if (draftProblem is not null)
        {
            // Saving now would save without the secrets the user believes are set.
            errors.AddForm(draftProblem);
            return Render(context, target, values, errors, StoredSecrets(target), verdict: null, StatusCodes.Status422UnprocessableEntity);
        }

        if (posted["remove-row"].ToString() is { Length: > 0 } row)
        {
            // "Remove" without JavaScript: the same form again without that row, nothing saved.
            return Render(context, target, values.Without(row), errors, StoredSecrets(target), verdict: null);
        }

        if (posted["add-row"].ToString() is { Length: > 0 } list)
        {
            // "Add a row" without JavaScript: the same form again with one more row, nothing saved.
            // A list shown with rows posts them; one shown empty gets its first.
            var rows = values.RowsOf(list);
            values.Add(FormPath.ListItem(list, rows.Count == 0 ? 0 : rows[^1] + 1), string.Empty);
            return Render(context, target, values, errors, StoredSecrets(target), verdict: null);
        }

        var validate = action != "apply";
        var result = (target.Account, validate) switch
        {
            ({ } account, true) => await service.SaveAndValidateAsync(target.Type.Id, values, account.Id, target.ReadVersion!.Value, context.RequestAborted).ConfigureAwait(false),
            ({ } account, false) => await service.ApplyAsync(target.Type.Id, values, account.Id, target.ReadVersion!.Value, context.RequestAborted).ConfigureAwait(false),
            (null, true) => await service.SaveAndValidateAsync(target.Type.Id, values, null, context.RequestAborted).ConfigureAwait(false),
            (null, false) => await service.ApplyAsync(target.Type.Id, values, null, context.RequestAborted).ConfigureAwait(false),
        };
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
    private static IResult Render(
        HttpContext context, Target target, FormValues values, FormErrors errors, IReadOnlySet<string> storedSecrets,
        AccountValidationResult? verdict, int status = StatusCodes.Status200OK)
    {
        var model = target.Form.Schema.Model;
        var draft = Drafts(context).Seal(context, DraftScope(target), model, values);
        var shownAsSet = storedSecrets.Union(SecretDrafts.Kept(model, values)).ToHashSet(StringComparer.Ordinal);
        return Page(PageHtml(target, values, errors, shownAsSet, verdict, PageForm.Token(context), draft), status);
    }

    private static SecretDrafts Drafts(HttpContext context) => context.RequestServices.GetRequiredService<SecretDrafts>();

    private static string DraftScope(Target target) => $"{target.Type.Id}/{target.Account?.Id ?? "new"}";

    private static string PageHtml(Target target, FormValues values, FormErrors errors, IReadOnlySet<string> storedSecrets, AccountValidationResult? verdict, string token, string? draft = null)
    {
        var form = target.Form;
        var editing = target.Account is not null;
        var title = editing ? $"Edit {target.Account!.Label}" : $"Add {target.Type.Title}";
        var action = editing ? Routes.EditAccount(target.Account!.Id) : Routes.NewAccount(target.Plugin.Id, target.Type.Id);

        var html = new StringBuilder(8192);
        html.Append("<p class=\"crumbs\"><a href=\"/\">Connectors</a> › <a href=\"").Append(E(Routes.Connector(target.Plugin.Id))).Append("\">")
            .Append(E(target.Plugin.DisplayName)).Append("</a></p><h1>").Append(E(title)).Append("</h1>");
        if (editing)
        {
            html.Append("<p class=\"meta\">").Append(E(target.Type.Title)).Append("</p>");
        }

        // The manifest's words are written for users; a schema's root description is often a note for developers.
        if (target.Type.Description is { Length: > 0 } description)
        {
            html.Append("<p class=\"help\">").Append(E(description)).Append("</p>");
        }

        Summary(html, errors, verdict);
        html.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" novalidate class=\"account-form\">")
            .Append(token)
            .Append(target.ReadVersion is { } version
                ? $"<input type=\"hidden\" name=\"{VersionField}\" value=\"{version.ToString(CultureInfo.InvariantCulture)}\">"
                : string.Empty)
            .Append(draft is null ? string.Empty : $"<input type=\"hidden\" name=\"{SecretDrafts.Field}\" value=\"{E(draft)}\">")
            .Append(FormHtml.DefaultAction($"Validating with {target.Plugin.DisplayName}…", validate: target.CanValidate != false))
            .Append(FormHtml.Fields(form, values, errors, storedSecrets))
            .Append("<p class=\"busy\" role=\"status\" aria-live=\"polite\"></p>")
            .Append("<div class=\"actions\">");
        Buttons(html, target);
        html.Append("<button type=\"submit\" name=\"action\" value=\"cancel\" class=\"secondary\" formnovalidate>Cancel</button>")
            .Append("</div></form>");
        return Layout.Render(title, html.ToString(), Layout.Section.Connectors);
    }

    // Save & Validate leads unless the connector is known to have no check for this type; until its
    // code has been loaded that is not known, and posting it then answers in one sentence.
    private static void Buttons(StringBuilder html, Target target)
    {
        if (target.CanValidate == false)
        {
            html.Append("<button type=\"submit\" name=\"action\" value=\"apply\" class=\"primary\">Apply</button>")
                .Append("<p class=\"help\">").Append(E(target.Plugin.DisplayName))
                .Append(" cannot check these accounts, so Apply saves them without validating.</p>");
            return;
        }

        html.Append("<button type=\"submit\" name=\"action\" value=\"save-and-validate\" class=\"primary\" data-busy=\"Validating with ")
            .Append(E(target.Plugin.DisplayName)).Append("…\">Save &amp; Validate</button>")
            .Append("<button type=\"submit\" name=\"action\" value=\"apply\" class=\"secondary\">Apply</button>");
    }

    // What went wrong, at the top, in words: the validator's verdict and anything not tied to one field.
    private static void Summary(StringBuilder html, FormErrors errors, AccountValidationResult? verdict)
    {
        if (errors.IsEmpty)
        {
            return;
        }

        html.Append("<div class=\"summary\" role=\"alert\" tabindex=\"-1\" id=\"summary\"><h2>Nothing was saved</h2>");
        var messages = errors.Form.ToList();
        if (messages.Count > 0)
        {
            html.Append("<ul>");
            foreach (var message in messages)
            {
                html.Append("<li>").Append(E(message)).Append("</li>");
            }

            html.Append("</ul>");
        }

        var fieldCount = errors.Fields.Count;
        if (fieldCount > 0)
        {
            html.Append("<p>").Append(fieldCount.ToString(CultureInfo.InvariantCulture))
                .Append(fieldCount == 1 ? " field needs" : " fields need").Append(" attention: see the messages next to ").Append(fieldCount == 1 ? "it" : "them").Append(".</p><ul>");
            foreach (var (path, fieldMessages) in errors.Fields)
            {
                html.Append("<li><a href=\"#").Append(FormHtml.IdOf(path)).Append("\">").Append(E(string.Join(" ", fieldMessages))).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        if (verdict?.Outcome == AccountValidationOutcome.Unavailable)
        {
            html.Append("<p>The account could not be checked just now. Use <strong>Apply</strong> to save it without checking.</p>");
        }

        html.Append("</div>");
    }

    private static HashSet<string> StoredSecrets(Target target) =>
        target.Account is { SecretsAvailable: true } account
            ? FormBinder.StoredSecrets(target.Form.Schema.Model, account.GetValues()).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private static Target? Resolve(string pluginId, string accountTypeId, PluginCatalog catalog, AccountForms forms)
    {
        var type = catalog.FindAccountType(accountTypeId);
        if (type is null || type.Plugin.Id != pluginId)
        {
            return null;
        }

        return forms.Get(accountTypeId) is { Form: { } form } ? new Target(type.Plugin, type, form, null) { CanValidate = catalog.HasValidator(accountTypeId) } : null;
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

    /// <param name="ReadVersion">The version of <paramref name="Account"/> the user opened (the hidden field of the edit form).</param>
    private sealed record Target(PluginInfo Plugin, AccountTypeInfo Type, AccountForm Form, Account? Account, long? ReadVersion = null)
    {
        /// <summary>Whether the connector can check these accounts; null until its code has been loaded.</summary>
        public bool? CanValidate { get; init; }
    }
}
