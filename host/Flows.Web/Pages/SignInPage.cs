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
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && WantsPage(request))
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

    /// <summary>
    /// Whether the request comes from a browser (it gets pages) rather than a script (it sent a
    /// credential, or asked the API, and gets answers it can act on).
    /// </summary>
    public static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !request.Headers.ContainsKey("Authorization");

    /// <summary>The form; a browser that needs no sign-in (none configured, or already signed in) goes straight back.</summary>
    public static IResult Get(string? @return, HttpContext context, AccessGate gate) =>
        gate.Enabled && !gate.IsSignedIn(context.Request) ? Render(context, @return, error: null) : SeeOther(ReturnPath.Safe(@return));

    public static async Task<IResult> PostAsync(HttpContext context, AccessGate gate, FailedAttempts attempts)
    {
        var (form, trusted) = await PageForm.ReadAsync(context).ConfigureAwait(false);
        var back = form["return"].ToString();
        if (!gate.Enabled)
        {
            return SeeOther(ReturnPath.Safe(back));
        }

        if (!trusted)
        {
            return Render(context, back, "The sign-in form expired. Try again.", StatusCodes.Status401Unauthorized);
        }

        if (!gate.Matches(form["token"].ToString()))
        {
            return attempts.Record(context, out var wait)
                ? FailedAttempts.TooMany(context, wait)
                : Render(context, back, "That is not the access credential of this server.", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(AccessGate.CookieName, gate.CookieValue!, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return SeeOther(ReturnPath.Safe(back));
    }

    private static IResult Render(HttpContext context, string? back, string? error, int status = StatusCodes.Status200OK)
    {
        var body = "<h1>Sign in</h1><p>This Flows server asks for its access credential (the value of FLOWS_ACCESS_TOKEN where it runs).</p>"
            + $"<form method=\"post\" action=\"{Path}\">{PageForm.Token(context)}<input type=\"hidden\" name=\"return\" value=\"{E(ReturnPath.Safe(back))}\">"
            + "<div class=\"field\"><label for=\"token\">Access credential</label>"
            + (error is null ? string.Empty : $"<p class=\"error\" id=\"token-error\" role=\"alert\">{E(error)}</p>")
            + $"<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required{(error is null ? string.Empty : " aria-invalid=\"true\" aria-describedby=\"token-error\"")}></div>"
            + "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Sign in</button></div></form>";
        return Page(Layout.Render("Sign in", body, navigation: false), status);
    }
}
