using Microsoft.AspNetCore.Http;

namespace Flows.Web.Security;

/// <summary>
/// Headers on every answer. The policy allows nothing inline: scripts and the stylesheet come from
/// the host itself, so markup smuggled into a connector's text could not run even if it escaped encoding.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (!response.HttpContext.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal))
        {
            // Pages show account details; nothing of them belongs in a shared or disk cache.
            headers.CacheControl = "no-store";
        }
    }
}
