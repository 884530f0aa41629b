using System.Globalization;
using Flows.Host.Accounts;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Flows.Web.Api;

/// <summary>
/// <c>GET /api/accounts</c>: a page of account summaries. The answer stays a JSON array of summaries,
/// as GitHub's lists are; the next page, when there is one, is named by a <c>Link: &lt;…&gt;; rel="next"</c>
/// header (RFC 8288) whose address carries the same filters and an opaque <c>after</c> cursor.
/// </summary>
internal static class AccountListEndpoint
{
    public const string Description =
        "Summaries by label; nothing is decrypted. At most `limit` accounts (1 to 500, default 100) per answer. " +
        "`?plugin=` keeps the accounts of one connector, `?type=` those of one account type, `?labelContains=` " +
        "those whose label contains the text (case and compatibility forms ignored, `%` and `_` are plain characters). " +
        "When more accounts follow, the answer has a `Link: </api/accounts?…&after=…>; rel=\"next\"` header: " +
        "request that address for the next page (the cursor is opaque; accounts added or removed meanwhile are " +
        "neither repeated nor skipped). 400 for a limit out of range or a cursor this list did not give.";

    public static async Task<IResult> ListAsync(
        HttpContext context,
        [FromQuery(Name = "type")] string? type,
        [FromQuery(Name = "plugin")] string? plugin,
        [FromQuery(Name = "labelContains")] string? labelContains,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "after")] string? after,
        AccountStore store)
    {
        var size = AccountPageQuery.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > AccountPageQuery.MaxLimit))
        {
            return ApiProblems.BadQuery(context, $"limit must be a whole number from 1 to {AccountPageQuery.MaxLimit} (this request said '{limit}').");
        }

        var query = new AccountPageQuery(Blank(plugin), Blank(type), Blank(labelContains), size, Blank(after));
        AccountPage page;
        try
        {
            page = await store.ListPageAsync(query, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException exception) when (exception is not ArgumentOutOfRangeException && exception.ParamName == "after")
        {
            return ApiProblems.BadQuery(context, "after is not a cursor this list gave: use the address of the Link header's rel=\"next\" as it is, or leave after out for the first page.");
        }

        if (page.Next is { } next)
        {
            context.Response.Headers.Link = $"<{NextAddress(context.Request, next)}>; rel=\"next\"";
        }

        return ApiResults.Ok<IReadOnlyList<AccountSummaryResponse>>([.. page.Accounts.Select(AccountSummaryResponse.From)], ApiJson.Api.IReadOnlyListAccountSummaryResponse);
    }

    // The request's own filters and limit, with the cursor in place of its own (a path on this server, never a host from the request).
    private static string NextAddress(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["after"] = cursor;
        var pairs = query
            .Where(p => p.Key is "type" or "plugin" or "labelContains" or "limit" or "after" && !StringValues.IsNullOrEmpty(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()));
        return QueryHelpers.AddQueryString(request.PathBase.Add(request.Path).Value ?? "/api/accounts", pairs);
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
