using Flows.Host.Accounts;

namespace Flows.Web.Pages.Common;

/// <summary>The words and colours of an account's status, the same everywhere.</summary>
internal static class StatusText
{
    public static string Of(AccountSummary account) =>
        account.SecretsProblem is not null ? "Secrets unreadable" : Of(account.Status.Kind);

    public static string Of(AccountStatusKind kind) => kind switch
    {
        AccountStatusKind.Valid => "Valid",
        AccountStatusKind.Invalid => "Invalid",
        AccountStatusKind.Unavailable => "Not checked — unavailable",
        _ => "Not validated",
    };

    /// <summary>The badge's colour: one of the stylesheet's badge-* classes.</summary>
    public static string CssOf(AccountSummary account) =>
        account.SecretsProblem is not null
            ? "invalid"
            : account.Status.Kind switch
            {
                AccountStatusKind.Valid => "valid",
                AccountStatusKind.Invalid => "invalid",
                AccountStatusKind.Unavailable => "unavailable",
                _ => "unknown",
            };
}
