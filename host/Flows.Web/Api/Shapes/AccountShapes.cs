using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Accounts;

namespace Flows.Web.Api.Shapes;

/// <summary>An account's status badge.</summary>
/// <param name="Detail">The identity summary (valid) or the reason (invalid, unavailable).</param>
internal sealed record AccountStatusResponse(AccountStatusKind Kind, string? Detail, DateTimeOffset? CheckedAt)
{
    public static AccountStatusResponse From(AccountStatus status) => new(status.Kind, status.Detail, status.CheckedAt);
}

/// <summary>Who signed in to an OAuth account, and when; never a token.</summary>
/// <param name="Identity">Who signed in, when the provider said.</param>
/// <param name="ExpiresAt">When the stored access token expires (the host refreshes it before).</param>
internal sealed record AccountSignInResponse(string? Identity, DateTimeOffset SignedInAt, DateTimeOffset? ExpiresAt)
{
    public static AccountSignInResponse? From(AccountSignInInfo? signIn) => signIn is null ? null : new(signIn.Identity, signIn.SignedInAt, signIn.ExpiresAt);
}

/// <summary>One account in a list. Nothing is decrypted to make it.</summary>
/// <param name="SecretsProblem">Set when the account's secrets cannot be read with the keys this store has.</param>
/// <param name="SignIn">For OAuth accounts that are signed in: who and when.</param>
internal sealed record AccountSummaryResponse(
    string Id,
    string AccountTypeId,
    string PluginId,
    string Label,
    AccountStatusResponse Status,
    DateTimeOffset UpdatedAt,
    string? SecretsProblem,
    AccountSignInResponse? SignIn)
{
    public static AccountSummaryResponse From(AccountSummary summary) => new(
        summary.Id, summary.AccountTypeId, summary.PluginId, summary.Label, AccountStatusResponse.From(summary.Status), summary.UpdatedAt, summary.SecretsProblem,
        AccountSignInResponse.From(summary.SignIn));
}

/// <summary>
/// One account: its non-secret values, and for each secret only whether it is set (by JSON Pointer
/// into <see cref="Values"/>). A secret value is never part of an answer.
/// </summary>
/// <param name="Version">1 when created, one more at every save; also the answer's <c>ETag</c>, for <c>If-Match</c>.</param>
/// <param name="Verdict">What the connector's validator said, when this request ran it.</param>
/// <param name="SignIn">For OAuth accounts that are signed in: who and when (the tokens are never part of an answer).</param>
internal sealed record AccountResponse(
    string Id,
    long Version,
    string AccountTypeId,
    string PluginId,
    string PluginVersion,
    string Label,
    AccountStatusResponse Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? SecretsProblem,
    JsonObject Values,
    IReadOnlyDictionary<string, bool> Secrets,
    VerdictResponse? Verdict,
    AccountSignInResponse? SignIn);

/// <summary>The connector validator's verdict.</summary>
/// <param name="IdentitySummary">Whose account it is, when valid.</param>
internal sealed record VerdictResponse(AccountValidationOutcome Outcome, string Message, string? IdentitySummary, IReadOnlyList<string> Warnings)
{
    public static VerdictResponse From(AccountValidationResult verdict) =>
        new(verdict.Outcome, verdict.Message, verdict.IdentitySummary, verdict.Warnings);
}

/// <summary>The body of <c>POST /api/accounts</c> (documents the shape; the body is read by <see cref="AccountRequests"/>).</summary>
/// <param name="AccountTypeId">The account type, e.g. <c>salesforce.oauth</c>.</param>
/// <param name="Label">A name unique among the accounts of the connector plugin.</param>
/// <param name="Values">The account's values as its JSON Schema describes them, secrets included.</param>
/// <param name="Validate">false: Apply (save as not validated); true: Save &amp; Validate (save only when the connector accepts the account).</param>
internal sealed record CreateAccountRequest(string AccountTypeId, string Label, JsonObject Values, bool Validate = false);

/// <summary>
/// The body of <c>PUT /api/accounts/{id}</c>. <see cref="Values"/> replaces the non-secret values;
/// a secret left out is kept, a secret given as <c>null</c> is cleared.
/// </summary>
/// <param name="Label">The new label; the current one is kept when left out.</param>
internal sealed record UpdateAccountRequest(string? Label, JsonObject Values, bool Validate = false);
