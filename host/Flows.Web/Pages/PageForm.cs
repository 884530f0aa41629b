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
}
