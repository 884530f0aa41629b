using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Plugins;

namespace Flows.Web.Pages.Accounts;

/// <summary>What an add or edit form is for: the connector, the account type, its form, and the account edited.</summary>
/// <param name="ReadVersion">The version of <paramref name="Account"/> the user opened (the hidden field of the edit form).</param>
public sealed record AccountFormTarget(PluginInfo Plugin, AccountTypeInfo Type, AccountForm Form, Account? Account, long? ReadVersion = null)
{
    /// <summary>Whether the connector can check these accounts; null until its code has been loaded.</summary>
    public bool? CanValidate { get; init; }

    /// <summary>The account this new one replaces under the same label once signed in ("Move to OAuth"); its id.</summary>
    public string? Replaces { get; init; }
}
