using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flows.Web.Pages;

/// <summary>The answers a screen gives: a page rendered from a component on the server, or a redirect after a post.</summary>
internal static class PageResults
{
    /// <summary>The page component <typeparamref name="TPage"/> as plain HTML (no circuit, no script of Blazor's).</summary>
    /// <param name="parameters">The component's parameters, by name.</param>
    public static RazorComponentResult<TPage> Page<TPage>(object parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

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
