using Flows.Host.Accounts;
using Flows.Host.Plugins;

namespace Flows.Web.Pages;

/// <summary>The words and colours of statuses, the same everywhere.</summary>
internal static class StatusBadge
{
    public static string Text(AccountSummary account) =>
        account.SecretsProblem is not null ? "Secrets unreadable" : Text(account.Status.Kind);

    public static string Text(AccountStatusKind kind) => kind switch
    {
        AccountStatusKind.Valid => "Valid",
        AccountStatusKind.Invalid => "Invalid",
        AccountStatusKind.Unavailable => "Not checked — unavailable",
        _ => "Not validated",
    };

    public static string For(AccountSummary account)
    {
        var kind = account.SecretsProblem is not null ? "invalid" : Css(account.Status.Kind);
        return $"<span class=\"badge badge-{kind}\">{Html.E(Text(account))}</span>";
    }

    public static string For(PluginStatus status)
    {
        var kind = status switch
        {
            PluginStatus.Active => "valid",
            PluginStatus.Faulted or PluginStatus.Incompatible => "invalid",
            _ => "unknown",
        };
        return $"<span class=\"badge badge-{kind}\">{status}</span>";
    }

    private static string Css(AccountStatusKind kind) => kind switch
    {
        AccountStatusKind.Valid => "valid",
        AccountStatusKind.Invalid => "invalid",
        AccountStatusKind.Unavailable => "unavailable",
        _ => "unknown",
    };
}
