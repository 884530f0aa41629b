using System.Net;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Pages;

/// <summary>Small helpers every screen uses: encoding and the HTML result.</summary>
internal static class Html
{
    /// <summary>Encodes text for an element body or a quoted attribute.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Encodes a path segment for a link (account and plugin ids come from users and manifests).</summary>
    public static string U(string segment) => Uri.EscapeDataString(segment);

    public static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>After a successful post: 303 so a reload does not post again.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
