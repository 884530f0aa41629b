namespace Flows.Web.Pages.Connector;

/// <summary>
/// What the account picker shows beside the accounts of its page: the text searched for, whether more
/// accounts match than are listed, and whether to offer the search box at all.
/// </summary>
/// <param name="Find">The text the accounts' labels were searched for; null when none.</param>
/// <param name="More">More accounts match than the page lists.</param>
/// <param name="Searchable">The connector has more accounts than a dropdown lists well, or a search is under way.</param>
public sealed record AccountPickerModel(string? Find, bool More, bool Searchable)
{
    /// <summary>The most accounts a dropdown lists; beyond them the picker searches.</summary>
    public const int PageSize = 50;

    public static AccountPickerModel Plain { get; } = new(null, false, false);
}
