using System.Collections.Concurrent;
using Flows.Host.Forms;
using Flows.Host.Plugins;

namespace Flows.Web.Pages;

/// <summary>
/// A blank add-account form is the same page for everyone but its antiforgery token, so it is built
/// once per form and served as the text before and after the token. A changed schema (a new form
/// object), a renamed connector or account type, or news of whether the connector can
/// check these accounts builds it again.
/// </summary>
internal sealed class BlankFormPages
{
    /// <summary>Where the page builder puts the token; the page is split there.</summary>
    public const string TokenMark = "\u0001token\u0001";

    private readonly ConcurrentDictionary<string, BlankFormPage> _pages = new(StringComparer.Ordinal);

    public BlankFormPage Get(PluginInfo plugin, AccountTypeInfo type, AccountForm form, bool? canValidate, Func<string> build)
    {
        var key = $"{plugin.Id}\n{plugin.DisplayName}\n{type.Id}\n{type.Title}\n{type.Description}\n{canValidate}";
        return _pages.AddOrUpdate(
            key,
            _ => BlankFormPage.Split(form, build()),
            (_, cached) => ReferenceEquals(cached.Form, form) ? cached : BlankFormPage.Split(form, build()));
    }
}

/// <summary>A blank form page, cut where its antiforgery token goes.</summary>
internal sealed record BlankFormPage(AccountForm Form, string Before, string After)
{
    public static BlankFormPage Split(AccountForm form, string html)
    {
        var at = html.IndexOf(BlankFormPages.TokenMark, StringComparison.Ordinal);
        return new BlankFormPage(form, html[..at], html[(at + BlankFormPages.TokenMark.Length)..]);
    }
}
