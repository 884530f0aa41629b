using Flows.Host.Forms;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Web.Pages;

/// <summary>Every form post carries an antiforgery token; this writes it into forms and checks it on the way back.</summary>
internal static class PageForm
{
    public const string AntiforgeryField = "__af";

    /// <summary>The hidden input with the request token (also sets the matching cookie).</summary>
    public static string Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{AntiforgeryField}\" value=\"{Html.E(tokens.RequestToken)}\">";
    }

    /// <summary>A form with one button that posts to <paramref name="action"/> (validate, delete, enable…).</summary>
    /// <param name="busy">Shown on the button while the request runs (when it can take a while).</param>
    public static string Button(HttpContext context, string action, string text, string? cssClass = null, string? busy = null) =>
        $"<form method=\"post\" action=\"{Html.E(action)}\" class=\"inline\">{Token(context)}<button type=\"submit\""
        + (cssClass is null ? string.Empty : $" class=\"{cssClass}\"")
        + (busy is null ? string.Empty : $" data-busy=\"{Html.E(busy)}\"")
        + $">{text}</button></form>";

    /// <summary>The posted form, and whether its antiforgery token is good.</summary>
    public static async Task<(IFormCollection Form, bool Trusted)> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return (FormCollection.Empty, false);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var trusted = await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false);
        return (form, trusted);
    }

    /// <summary>The posted account values, without the page's own controls.</summary>
    public static FormValues Values(IFormCollection form)
    {
        var values = new FormValues();
        foreach (var (name, posted) in form)
        {
            if (name is AntiforgeryField or "action" or "add-row" or "remove-row")
            {
                continue;
            }

            foreach (var value in posted)
            {
                values.Add(name, value ?? string.Empty);
            }
        }

        return values;
    }
}
