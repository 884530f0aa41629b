namespace Flows.Host.Accounts;

/// <summary>
/// Which accounts a page of summaries holds: all, or those of one plugin and/or account type, and
/// those whose label contains a text; at most <see cref="Limit"/>, after the <see cref="After"/> cursor.
/// </summary>
/// <param name="PluginId">Only accounts made with this plugin (connector).</param>
/// <param name="AccountTypeId">Only accounts of this account type.</param>
/// <param name="LabelContains">Only accounts whose label contains this text, compared as labels are (case and compatibility forms ignored).</param>
/// <param name="Limit">How many summaries at most, 1 to <see cref="MaxLimit"/>.</param>
/// <param name="After">The <see cref="AccountPage.Next"/> of the page before; null for the first page.</param>
public sealed record AccountPageQuery(
    string? PluginId = null, string? AccountTypeId = null, string? LabelContains = null, int Limit = AccountPageQuery.DefaultLimit, string? After = null)
{
    /// <summary>The size of a page when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page that may be asked for.</summary>
    public const int MaxLimit = 500;
}

/// <summary>A page of account summaries in label order, and the cursor of the next page (null after the last).</summary>
public sealed record AccountPage(IReadOnlyList<AccountSummary> Accounts, string? Next);
