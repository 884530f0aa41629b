using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Pages.OAuth;

/// <summary>
/// Ties a sign-in at a provider to the browser that started it: a random value in a cookie the
/// provider's redirect brings back (SameSite=Lax, the one kind a cross-site redirect carries).
/// </summary>
internal static class SignInBinding
{
    public const string CookieName = "flows_oauth";

    /// <summary>This browser's binding, set now when it has none.</summary>
    public static string For(HttpContext context)
    {
        if (Read(context) is { } existing)
        {
            return existing;
        }

        var value = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
        });
        return value;
    }

    /// <summary>The binding the browser presents, or a value no sign-in is bound to.</summary>
    public static string Presented(HttpContext context) => Read(context) ?? string.Empty;

    private static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && value.Length == 64 ? value : null;
}
