using Flows.Host.Accounts;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Flows.Forms;
using Flows.Web.Pages.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Pages;

/// <summary>
/// A blank add-account form is the same page for everyone but its antiforgery token, so it is rendered
/// once per form and served as the text before and after the token. A changed schema (a new form
/// object), a renamed connector or account type, or news of whether the connector can
/// check these accounts renders it again.
/// </summary>
internal sealed class BlankFormPages(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    /// <summary>What the page's token field holds when it is rendered outside a request; the page is split there.</summary>
    public const string TokenMark = "flows-antiforgery-token-goes-here";

    private readonly ConcurrentDictionary<string, BlankFormPage> _pages = new(StringComparer.Ordinal);

    /// <summary>The cached page (without waiting: the common case), or the page rendered now and kept.</summary>
    public ValueTask<BlankFormPage> GetAsync(AccountFormTarget target)
    {
        var (plugin, type) = (target.Plugin, target.Type);
        var key = $"{plugin.Id}\n{plugin.DisplayName}\n{type.Id}\n{type.Title}\n{type.Description}\n{target.CanValidate}";
        return _pages.TryGetValue(key, out var cached) && ReferenceEquals(cached.Form, target.Form)
            ? ValueTask.FromResult(cached)
            : new ValueTask<BlankFormPage>(RenderAndKeepAsync(key, target));
    }

    // Two first requests at once may both render it: the same page, so either may stay.
    private async Task<BlankFormPage> RenderAndKeepAsync(string key, AccountFormTarget target)
    {
        var page = BlankFormPage.Split(target.Form, await RenderAsync(target).ConfigureAwait(false));
        _pages[key] = page;
        return page;
    }

    // Rendered in a scope of its own, outside any request: the token field writes the mark, not a token.
    private async Task<string> RenderAsync(AccountFormTarget target)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(AccountFormPage.Target)] = target });
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<AccountFormPage>(parameters).ConfigureAwait(false)).ToHtmlString()).ConfigureAwait(false);
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

    /// <summary>The page with this request's token (getting it also sets the matching cookie).</summary>
    public IResult For(HttpContext context)
    {
        var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken ?? string.Empty;
        return Results.Content(string.Concat(Before, HtmlEncoder.Default.Encode(token), After), "text/html; charset=utf-8", System.Text.Encoding.UTF8);
    }
}
