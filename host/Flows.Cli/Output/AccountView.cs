using System.Text.Json.Nodes;
using Flows.Host.Accounts;
using Spectre.Console;

namespace Flows.Cli.Output;

/// <summary>
/// How accounts and their statuses look in the terminal and in --json output. Secret values are
/// never shown: a secret is only "set" or "not set".
/// </summary>
internal static class AccountView
{
    public static string Badge(AccountStatus status, string? secretsProblem) =>
        secretsProblem is not null ? "secrets unavailable"
        : status.Kind switch
        {
            AccountStatusKind.Valid => $"valid — {status.Detail}",
            AccountStatusKind.Invalid => $"invalid — {status.Detail}",
            AccountStatusKind.Unavailable => $"could not check — {status.Detail}",
            _ => "not validated",
        };

    public static Style StatusStyle(AccountStatus status) => status.Kind switch
    {
        AccountStatusKind.Valid => new Style(Color.Green),
        AccountStatusKind.Invalid => new Style(Color.Red),
        AccountStatusKind.Unavailable => new Style(Color.Yellow),
        _ => new Style(Color.Grey),
    };

    public static AccountJson ToJson(AccountSummary account, JsonObject? values = null, IReadOnlyDictionary<string, bool>? secrets = null) => new(
        account.Id,
        account.AccountTypeId,
        account.PluginId,
        account.Label,
        new AccountStatusJson(CliJson.Name(account.Status.Kind), account.Status.Detail, account.Status.CheckedAt),
        account.UpdatedAt,
        account.SecretsProblem,
        values,
        secrets,
        account.SignIn is { } signIn ? new AccountSignInJson(signIn.Identity, signIn.SignedInAt, signIn.ExpiresAt) : null);
}

/// <summary>
/// An account in --json output, named as the web API names it (<c>GET /api/accounts/{id}</c>), so a
/// script can use either: never any secret value, only whether each secret is set.
/// </summary>
internal sealed record AccountJson(
    string Id,
    string AccountTypeId,
    string PluginId,
    string Label,
    AccountStatusJson Status,
    DateTimeOffset UpdatedAt,
    string? SecretsProblem,
    JsonObject? Values,
    IReadOnlyDictionary<string, bool>? Secrets,
    AccountSignInJson? SignIn);

/// <summary>Who signed in to an OAuth account, and when; never a token.</summary>
internal sealed record AccountSignInJson(string? Identity, DateTimeOffset SignedInAt, DateTimeOffset? ExpiresAt);

/// <summary>An account's status: its kind, the identity summary or reason, and when it was checked.</summary>
internal sealed record AccountStatusJson(string Kind, string? Detail, DateTimeOffset? CheckedAt);
