using System.Text;

namespace Flows.Web.Pages;

/// <summary>
/// The screens' stable URLs, in one place: the endpoints are mapped on the patterns and every link is
/// filled in from the same pattern, so links and routes cannot drift apart.
/// </summary>
internal static class Routes
{
    public const string Connectors = "/";

    public const string Plugins = "/plugins";

    public const string SignIn = "/sign-in";

    /// <summary>Liveness: the process answers.</summary>
    public const string Health = "/healthz";

    /// <summary>Readiness: the account store answers too.</summary>
    public const string Readiness = "/healthz/ready";

    /// <summary>Where OAuth providers send the browser back: the redirect URI operators register.</summary>
    public const string OAuthCallback = "/oauth/callback";

    public const string OAuthFinishPattern = "/oauth/finish/{outcomeId}";

    public const string ConnectorPattern = "/connectors/{pluginId}";

    public const string NewAccountPattern = "/connectors/{pluginId}/new/{accountTypeId}";

    public const string EditAccountPattern = "/accounts/{accountId}/edit";

    public const string ValidateAccountPattern = "/accounts/{accountId}/validate";

    public const string DeleteAccountPattern = "/accounts/{accountId}/delete";

    public const string EnablePluginPattern = "/plugins/{pluginId}/enable";

    public const string DisablePluginPattern = "/plugins/{pluginId}/disable";

    public static string Connector(string pluginId, string? selectedAccountId = null) =>
        Fill(ConnectorPattern, pluginId) + (selectedAccountId is null ? string.Empty : $"?account={Uri.EscapeDataString(selectedAccountId)}");

    public static string NewAccount(string pluginId, string accountTypeId) => Fill(NewAccountPattern, pluginId, accountTypeId);

    public static string OAuthFinish(string outcomeId) => Fill(OAuthFinishPattern, outcomeId);

    public static string EditAccount(string accountId) => Fill(EditAccountPattern, accountId);

    public static string ValidateAccount(string accountId) => Fill(ValidateAccountPattern, accountId);

    public static string DeleteAccount(string accountId) => Fill(DeleteAccountPattern, accountId);

    public static string EnablePlugin(string pluginId) => Fill(EnablePluginPattern, pluginId);

    public static string DisablePlugin(string pluginId) => Fill(DisablePluginPattern, pluginId);

    /// <summary>
    /// The pattern with each <c>{parameter}</c>, in order, replaced by the next value escaped as a path
    /// segment (account and plugin ids come from users and manifests).
    /// </summary>
    internal static string Fill(string pattern, params ReadOnlySpan<string> values)
    {
        var parameters = pattern.AsSpan().Count('{');
        if (parameters != values.Length)
        {
            throw new ArgumentException($"The route {pattern} takes {parameters} values, not {values.Length}.", nameof(values));
        }

        var url = new StringBuilder(pattern.Length + 32);
        var next = 0;
        var at = 0;
        while (pattern.IndexOf('{', at) is var open and >= 0)
        {
            url.Append(pattern, at, open - at).Append(Uri.EscapeDataString(values[next++]));
            at = pattern.IndexOf('}', open) + 1;
        }

        return url.Append(pattern, at, pattern.Length - at).ToString();
    }
}
