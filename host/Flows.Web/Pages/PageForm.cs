using Flows.Forms;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Web.Pages;

/// <summary>Every form post carries an antiforgery token (written by the AntiforgeryField component); this checks it on the way back.</summary>
internal static class PageForm
{
    public const string AntiforgeryField = "__af";

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
