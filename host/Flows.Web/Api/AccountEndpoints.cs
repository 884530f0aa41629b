using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Api;

/// <summary>
/// <c>/api/accounts</c>: list, read, create (Apply or Save &amp; Validate), edit, delete and check
/// accounts. The rules are the account service's, as on the screens and in the CLI: nothing invalid
/// or rejected is saved, and no answer ever carries a secret value.
/// </summary>
internal static class AccountEndpoints
{
    private const string Tag = "Accounts";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", AccountListEndpoint.ListAsync)
            .WithName("ListAccounts")
            .WithTags(Tag)
            .WithSummary("Lists the accounts a page at a time, optionally of one connector or account type, or with a text in their label.")
            .WithDescription(AccountListEndpoint.Description)
            .ProducesJson<IReadOnlyList<AccountSummaryResponse>>()
            .ProducesProblems(StatusCodes.Status400BadRequest);

        api.MapGet("/accounts/{id}", GetAsync)
            .WithName("GetAccount")
            .WithTags(Tag)
            .WithSummary("Gets an account: its non-secret values and which secrets are set.")
            .WithDescription("The answer's `ETag` is the account's `version` (e.g. `\"3\"`); send it back as `If-Match` with PUT or DELETE so a change made meanwhile by someone else is never overwritten.")
            .ProducesJson<AccountResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPost("/accounts", CreateAsync)
            .WithName("CreateAccount")
            .WithTags(Tag)
            .WithSummary("Creates an account (Apply, or Save & Validate with validate: true).")
            .WithDescription("`validate: false` (Apply) checks the values against the account type's schema and saves them as not validated. `validate: true` (Save & Validate) also runs the connector's validator and saves only when it accepts the account. Nothing invalid or rejected is saved. Answers: 201 with the account (and the verdict when validated; `ETag` is its version); 400 when the body cannot be read; 409 when another account of the same connector has the label; 422 when the account type is not offered, a value breaks the schema (`errors` by JSON Pointer, e.g. `/values/host`) or the connector rejected the account (`verdict`) or has no check for this account type (`urn:flows:problem:cannot-be-validated`: save with validate: false); 503 when the connector could not check it now (network, maintenance, plugin not loadable), `verdict.outcome` is `unavailable`: try again later or save with validate: false.")
            .WithMetadata(new JsonBodyMetadata(typeof(CreateAccountRequest)))
            .ProducesJson<AccountResponse>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);

        api.MapPut("/accounts/{id}", UpdateAsync)
            .WithName("UpdateAccount")
            .WithTags(Tag)
            .WithSummary("Edits an account (Apply, or Save & Validate with validate: true).")
            .WithDescription("`values` replaces the non-secret values. A secret left out keeps its stored value; a secret given as null is cleared. `label` keeps the current label when left out. Same rules and answers as creating, with 200 on success (`ETag` is the new version), 404 for an unknown id or an account deleted while the request ran (it is never re-created), and 409 when the account's secrets cannot be read, its account type is no longer offered, or it was changed by someone else while the request ran. With `If-Match: \"<version>\"` the edit is made only if the account is still at that version: 412 otherwise, nothing saved.")
            .WithMetadata(new JsonBodyMetadata(typeof(UpdateAccountRequest)))
            .ProducesJson<AccountResponse>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);

        api.MapDelete("/accounts/{id}", DeleteAsync)
            .WithName("DeleteAccount")
            .WithTags(Tag)
            .WithSummary("Deletes an account and its secrets.")
            .WithDescription("With `If-Match: \"<version>\"` the account is deleted only if it is still at that version: 412 otherwise, nothing deleted.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        api.MapPost("/accounts/{id}/validate", ValidateAsync)
            .WithName("ValidateAccount")
            .WithTags(Tag)
            .WithSummary("Runs the connector's validator on a stored account again.")
            .WithDescription("Records what the connector says now as the account's status and answers 200 with the account and the verdict, whatever the outcome. Send Content-Type: application/json; the body is ignored. 404 when the account does not exist or was deleted while it was being checked; 409 when the account's secrets cannot be read or it was changed while it was being checked (the verdict is then not recorded).")
            .ProducesJson<AccountResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, AccountStore store, AccountForms forms)
    {
        return await FindAsync(id, store, context.RequestAborted).ConfigureAwait(false) is { } account
            ? Answer(context, account, forms, null)
            : NoSuchAccount(context, id);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AccountForms forms, AccountService service, AccountStore store)
    {
        var (request, problem) = await AccountRequests.ReadCreateAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var loaded = forms.Get(request.AccountTypeId);
        if (loaded.Form is not { } form)
        {
            return ApiProblems.Problem(
                context, ApiProblems.AccountTypeUnavailable, "The account type is not available.", StatusCodes.Status422UnprocessableEntity,
                loaded.Problem, new Dictionary<string, IReadOnlyList<string>> { ["/accountTypeId"] = [loaded.Problem!] });
        }

        var (values, invalid) = Post(context, form, request.Label, request.Values);
        if (values is null)
        {
            return invalid!;
        }

        var result = request.Validate
            ? await service.SaveAndValidateAsync(request.AccountTypeId, values, null, context.RequestAborted).ConfigureAwait(false)
            : await service.ApplyAsync(request.AccountTypeId, values, null, context.RequestAborted).ConfigureAwait(false);
        if (result is { Saved: true, Account: { } account })
        {
            AccountVersions.Tag(context, account);
            return ApiResults.Created(AccountAnswers.From(account, forms, result.Verdict), ApiJson.Api.AccountResponse, $"/api/accounts/{account.Id}");
        }

        return await AccountOutcomes.NotSavedAsync(context, result, loaded.Type!.Plugin.Id, request.Label, null, store).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateAsync(
        string id, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, AccountForms forms, AccountService service, AccountStore store)
    {
        if (await FindAsync(id, store, context.RequestAborted).ConfigureAwait(false) is not { } account)
        {
            return NoSuchAccount(context, id);
        }

        if (!AccountVersions.Allows(ifMatch, account))
        {
            return AccountVersions.Stale(context, account);
        }

        var (request, problem) = await AccountRequests.ReadUpdateAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var loaded = forms.Get(account.AccountTypeId);
        if (loaded.Form is not { } form)
        {
            return ApiProblems.Problem(
                context, ApiProblems.AccountTypeUnavailable, "The account's type is not available; the account cannot be edited now.", StatusCodes.Status409Conflict, loaded.Problem);
        }

        if (!account.SecretsAvailable)
        {
            return SecretsProblem(context, account);
        }

        var (values, invalid) = Post(context, form, request.Label, request.Values);
        if (values is null)
        {
            return invalid!;
        }

        // Saved only over the version read here, whether or not the client named one: an account
        // deleted or edited while the connector checks is neither re-created nor overwritten.
        var result = request.Validate
            ? await service.SaveAndValidateAsync(account.AccountTypeId, values, account.Id, account.Version, context.RequestAborted).ConfigureAwait(false)
            : await service.ApplyAsync(account.AccountTypeId, values, account.Id, account.Version, context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            { Saved: true, Account: { } saved } => Answer(context, saved, forms, result.Verdict),
            { Conflict: AccountConflict.Deleted } => Deleted(context, id),
            { Conflict: AccountConflict.Changed } => ApiProblems.Problem(
                context, ApiProblems.AccountChanged, "The account was changed by someone else meanwhile; nothing was saved.",
                string.IsNullOrWhiteSpace(ifMatch) ? StatusCodes.Status409Conflict : StatusCodes.Status412PreconditionFailed,
                AccountConflicts.Changed),
            _ => await AccountOutcomes.NotSavedAsync(context, result, account.PluginId, request.Label ?? account.Label, account.Id, store).ConfigureAwait(false),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, AccountStore store, AccountService service)
    {
        if (await FindAsync(id, store, context.RequestAborted).ConfigureAwait(false) is not { } account)
        {
            return NoSuchAccount(context, id);
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return (await service.DeleteAsync(account, null, context.RequestAborted).ConfigureAwait(false)).Deleted
                ? Results.NoContent()
                : NoSuchAccount(context, id);
        }

        if (!AccountVersions.Allows(ifMatch, account))
        {
            return AccountVersions.Stale(context, account);
        }

        try
        {
            return (await service.DeleteAsync(account, account.Version, context.RequestAborted).ConfigureAwait(false)).Deleted
                ? Results.NoContent()
                : NoSuchAccount(context, id);
        }
        catch (AccountChangedException)
        {
            return await FindAsync(id, store, context.RequestAborted).ConfigureAwait(false) is { } changed
                ? AccountVersions.Stale(context, changed)
                : NoSuchAccount(context, id);
        }
    }

    private static async Task<IResult> ValidateAsync(string id, HttpContext context, AccountForms forms, AccountService service, AccountStore store)
    {
        if (await FindAsync(id, store, context.RequestAborted).ConfigureAwait(false) is not { } account)
        {
            return NoSuchAccount(context, id);
        }

        if (!account.SecretsAvailable)
        {
            return SecretsProblem(context, account);
        }

        var result = await service.RevalidateAsync(account.Id, context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            { Saved: true, Account: { } checkedAccount } => Answer(context, checkedAccount, forms, result.Verdict),
            { Conflict: AccountConflict.Deleted } => Deleted(context, id),
            { Conflict: AccountConflict.Changed } => ApiProblems.Problem(
                context, ApiProblems.AccountChanged, "The account was changed while it was being checked; the result was not recorded.", StatusCodes.Status409Conflict,
                AccountConflicts.ChangedWhileChecking),
            _ => ApiProblems.Problem(
                context, ApiProblems.SecretsUnavailable, "The account cannot be checked.", StatusCodes.Status409Conflict,
                string.Join(" ", result.Errors.All())),
        };
    }

    private static IResult Answer(HttpContext context, Account account, AccountForms forms, Flows.Contracts.AccountValidationResult? verdict)
    {
        AccountVersions.Tag(context, account);
        return ApiResults.Ok(AccountAnswers.From(account, forms, verdict), ApiJson.Api.AccountResponse);
    }

    private static IResult Deleted(HttpContext context, string id) =>
        ApiProblems.Missing(context, $"The account with id '{id}' was deleted while this request ran; nothing was saved, and it was not re-created.");

    // The request's label and values as a form would post them, or why the values do not fit the form.
    private static (FormValues? Values, IResult? Problem) Post(HttpContext context, AccountForm form, string? label, System.Text.Json.Nodes.JsonObject requestValues)
    {
        var (values, errors) = AccountValues.Read(form.Schema.Model, requestValues);
        if (values is null)
        {
            return (null, ApiProblems.Problem(
                context, ApiProblems.InvalidValues, "The values are not valid; nothing was saved.", StatusCodes.Status422UnprocessableEntity,
                "Some values are of the wrong type or are not fields of this form; see errors.", ErrorPointers.UnderValues(errors)));
        }

        if (label is not null)
        {
            values.Add(FormPath.Label, label);
        }

        return (values, null);
    }

    private static IResult SecretsProblem(HttpContext context, Account account) =>
        ApiProblems.Problem(
            context, ApiProblems.SecretsUnavailable, "The account's secrets cannot be read.", StatusCodes.Status409Conflict, account.SecretsProblem);

    private static IResult NoSuchAccount(HttpContext context, string id) =>
        ApiProblems.Missing(context, $"There is no account with id '{id}'.");

    private static async Task<Account?> FindAsync(string id, AccountStore store, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out _) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
}
