using Flows.Web.Security;
using Microsoft.AspNetCore.Http;
using static Flows.Web.Pages.Html;

namespace Flows.Web.Pages;

/// <summary>
/// When an access credential is configured, a browser presents it once here and then carries a
/// cookie derived from it. Scripts and tools send it as a bearer token instead.
/// </summary>
internal static class SignInPage
{
    public const string Path = "/sign-in";

    /// <summary>What a request without the credential gets: a sign-in page for a browser, 401 for everything else.</summary>
    public static async Task ChallengeAsync(HttpContext context)
    {
        var request = context.Request;
        // A browser is sent to the sign-in page; a script (it sent a credential, or asked the API) gets a 401 it can act on.
        if (HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !request.Headers.ContainsKey("Authorization"))
        {
            await SeeOther(Path + "?return=" + Uri.EscapeDataString(request.Path + request.QueryString)).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"flows\"";
        await Results.Problem(
            title: "Sign-in required",
            detail: "This server requires its access credential: send it as 'Authorization: Bearer <token>'.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context).ConfigureAwait(false);
    }

    public static IResult Get(string? @return, HttpContext context, AccessGate gate) =>
        gate.Enabled ? Render(context, @return, error: null) : SeeOther(SafeReturn(@return));

    public static async Task<IResult> PostAsync(HttpContext context, AccessGate gate)
    {
        var (form, trusted) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        var back = form["return"].ToString();
        if (!trusted || !gate.Matches(form["token"].ToString()))
        {
            return Render(context, back, trusted ? "That is not the access credential of this server." : "The sign-in form expired. Try again.", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(AccessGate.CookieName, gate.CookieValue!, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return SeeOther(SafeReturn(back));
    }

    private static IResult Render(HttpContext context, string? back, string? error, int status = StatusCodes.Status200OK)
    {
        var body = "<h1>Sign in</h1><p>This Flows server asks for its access credential (the value of FLOWS_ACCESS_TOKEN where it runs).</p>"
            + $"<form method=\"post\" action=\"{Path}\">{PageForm.Token(context)}<input type=\"hidden\" name=\"return\" value=\"{E(SafeReturn(back))}\">"
            + "<div class=\"field\"><label for=\"token\">Access credential</label>"
            + (error is null ? string.Empty : $"<p class=\"error\" id=\"token-error\" role=\"alert\">{E(error)}</p>")
            + $"<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required{(error is null ? string.Empty : " aria-invalid=\"true\" aria-describedby=\"token-error\"")}></div>"
            + "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Sign in</button></div></form>";
        return Page(Layout.Render("Sign in", body, navigation: false), status);
    }

    // Only a path on this server: never "//elsewhere" or an absolute URL (an open redirect).
    private static string SafeReturn(string? back) =>
        back is { Length: > 0 } && back[0] == '/' && (back.Length == 1 || (back[1] != '/' && back[1] != '\\')) ? back : "/";
}
