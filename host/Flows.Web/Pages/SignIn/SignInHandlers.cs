using Flows.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static Flows.Web.Pages.PageResults;

namespace Flows.Web.Pages.SignIn;

/// <summary>
/// When an access credential is configured, a browser presents it once here and then carries a
/// cookie derived from it. Scripts and tools send it as a bearer token instead.
/// </summary>
internal static class SignInHandlers
{
    /// <summary>What a request without the credential gets: a sign-in page for a browser, 401 for everything else.</summary>
    public static async Task ChallengeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && WantsPage(request))
        {
            await SeeOther(Routes.SignIn + "?return=" + Uri.EscapeDataString(request.Path + request.QueryString)).ExecuteAsync(context).ConfigureAwait(false);
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
        gate.Enabled && !gate.IsSignedIn(context.Request) ? Render(@return, error: null) : SeeOther(ReturnPath.Safe(@return));

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
            return Render(back, "The sign-in form expired. Try again.", StatusCodes.Status401Unauthorized);
        }

        if (!gate.Matches(form["token"].ToString()))
        {
            return attempts.Record(context, out var wait)
                ? FailedAttempts.TooMany(context, wait)
                : Render(back, "That is not the access credential of this server.", StatusCodes.Status401Unauthorized);
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

    private static RazorComponentResult<SignInPage> Render(string? back, string? error, int status = StatusCodes.Status200OK) =>
        Page<SignInPage>(new { Return = ReturnPath.Safe(back), Error = error }, status);
}
