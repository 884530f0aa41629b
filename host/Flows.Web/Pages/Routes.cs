using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>The screens' stable URLs, in one place so links and routes cannot drift apart.</summary>
internal static class Routes
{
    public const string Connectors = "/";

    public const string Plugins = "/plugins";

    public static string Connector(string pluginId, string? selectedAccountId = null) =>
        $"/connectors/{U(pluginId)}" + (selectedAccountId is null ? string.Empty : $"?account={U(selectedAccountId)}");

    public static string NewAccount(string pluginId, string accountTypeId) => $"/connectors/{U(pluginId)}/new/{U(accountTypeId)}";

    public static string EditAccount(string accountId) => $"/accounts/{U(accountId)}/edit";

    public static string ValidateAccount(string accountId) => $"/accounts/{U(accountId)}/validate";

    public static string DeleteAccount(string accountId) => $"/accounts/{U(accountId)}/delete";

    public static string EnablePlugin(string pluginId) => $"/plugins/{U(pluginId)}/enable";

    public static string DisablePlugin(string pluginId) => $"/plugins/{U(pluginId)}/disable";
}
