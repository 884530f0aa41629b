namespace Flows.Web.Pages.Common;

/// <summary>The part of the site a screen belongs to, marked in the navigation.</summary>
public enum NavSection
{
    None,
    Connectors,
    Plugins,
}
