using System.Globalization;
using Flows.Host.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Flows.Web.Api;

/// <summary>
/// An account's version as an HTTP entity tag: answers carry <c>ETag: "3"</c>, and an edit or delete
/// sent with <c>If-Match: "3"</c> happens only if the account is still at version 3.
/// </summary>
internal static class AccountVersions
{
    public static string ETagOf(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Puts the account's version on the answer.</summary>
    public static void Tag(HttpContext context, Account account) =>
        context.Response.Headers.ETag = ETagOf(account.Version);

    /// <summary>
    /// Whether the request's <c>If-Match</c> allows a change of <paramref name="account"/>: true
    /// without the header, with <c>*</c>, or when one of its tags is the account's version.
    /// </summary>
    public static bool Allows(string? ifMatch, Account account)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return true;
        }

        // Weak tags never match (If-Match compares strongly); an unreadable header matches nothing.
        return EntityTagHeaderValue.TryParseList([ifMatch], out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag.Equals(ETagOf(account.Version), StringComparison.Ordinal)));
    }

    public static IResult Stale(HttpContext context, Account account) =>
        ApiProblems.Problem(
            context, ApiProblems.AccountChanged, "The account was changed since you read it; nothing was changed.", StatusCodes.Status412PreconditionFailed,
            $"If-Match names a version the account no longer has (it is at {ETagOf(account.Version)}). Read it again (GET), then send the change with the new ETag.");
}
