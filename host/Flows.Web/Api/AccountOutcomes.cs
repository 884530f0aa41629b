using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Api;

/// <summary>
/// What an Apply or Save &amp; Validate that saved nothing becomes: 503 when the connector could not
/// check (nothing is wrong with the request; try later), 422 when it rejected the account or the
/// values break the schema, 409 when the label is taken.
/// </summary>
internal static class AccountOutcomes
{
    public static async Task<IResult> NotSavedAsync(HttpContext context, AccountCommandResult result, string pluginId, string? label, string? accountId, AccountStore store)
    {
        if (result.CannotBeValidated)
        {
            var reason = string.Join(" ", result.Errors.Form);
            return ApiProblems.Problem(
                context, ApiProblems.CannotBeValidated, "This account type cannot be validated; nothing was saved.", StatusCodes.Status422UnprocessableEntity,
                reason, ErrorPointers.From(result.Errors, except: reason));
        }

        if (result.Verdict is { Outcome: AccountValidationOutcome.Unavailable } unavailable)
        {
            return ApiProblems.Problem(
                context, ApiProblems.ConnectorUnavailable, "The connector could not check the account; nothing was saved.", StatusCodes.Status503ServiceUnavailable,
                unavailable.Message, ErrorPointers.From(result.Errors, except: unavailable.Message), VerdictResponse.From(unavailable));
        }

        if (result.Verdict is { Outcome: AccountValidationOutcome.Invalid } rejected)
        {
            return ApiProblems.Problem(
                context, ApiProblems.RejectedByConnector, "The connector rejected the account; nothing was saved.", StatusCodes.Status422UnprocessableEntity,
                rejected.Message, ErrorPointers.From(result.Errors, except: rejected.Message), VerdictResponse.From(rejected));
        }

        var errors = ErrorPointers.From(result.Errors);
        if (result.Errors.Fields.ContainsKey(FormPath.Label) && await TakenAsync(store, pluginId, label, accountId, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiProblems.Problem(
                context, ApiProblems.DuplicateLabel, "Another account has this label; nothing was saved.", StatusCodes.Status409Conflict,
                errors[ErrorPointers.Label][0], errors);
        }

        var detail = result.Errors.Form.Count > 0
            ? string.Join(" ", result.Errors.Form)
            : $"{Count(result.Errors)} not accepted; see errors.";
        return ApiProblems.Problem(context, ApiProblems.InvalidValues, "The values are not valid; nothing was saved.", StatusCodes.Status422UnprocessableEntity, detail, errors);
    }

    private static async Task<bool> TakenAsync(AccountStore store, string pluginId, string? label, string? accountId, CancellationToken cancellationToken) =>
        !string.IsNullOrWhiteSpace(label)
        && await store.FindByLabelAsync(pluginId, label, cancellationToken).ConfigureAwait(false) is { } other
        && other.Id != accountId;

    private static string Count(FormErrors errors) => errors.Fields.Count == 1 ? "One value was" : $"{errors.Fields.Count} values were";
}
