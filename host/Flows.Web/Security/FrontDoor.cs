using Flows.Web.Hosting;
using Flows.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Security;

/// <summary>
/// What every request passes before it reaches a page or the API, in order: the server has checked
/// the addresses it listens on; the Host header names this server when it listens on loopback
/// only; the client has not used up its wrong credentials; the access credential, when one is set.
/// </summary>
internal sealed class FrontDoor(ListenPolicy policy, AccessGate gate, FailedAttempts attempts)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            SecurityHeaders.Apply(context.Response);
            return Task.CompletedTask;
        });

        if (!policy.IsOpen)
        {
            // Bound, but the addresses are not checked yet (or were refused): nothing may be served.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var request = context.Request;
        if (policy.LoopbackOnly && !AccessGate.IsLoopbackHost(request.Host))
        {
            // A page on another site that rebinds its name to 127.0.0.1 arrives with its own name here.
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            await context.Response.WriteAsync("This server answers only to localhost, 127.0.0.1 and [::1].").ConfigureAwait(false);
            return;
        }

        if (gate.Enabled && PresentsCredential(request) && attempts.IsLockedOut(context, out var wait))
        {
            await FailedAttempts.TooMany(context, wait).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var path = request.Path;
        if (!gate.IsSignedIn(request)
            && !path.StartsWithSegments("/assets", StringComparison.Ordinal)
            && !path.Equals(Routes.SignIn, StringComparison.Ordinal)
            // Health checks come from load balancers, which hold no credential; the answers tell nothing else.
            && !path.StartsWithSegments(Routes.Health, StringComparison.Ordinal)
            // A provider's redirect brings no same-site cookie; the sign-in it finishes is bound to the browser that started it.
            && !path.Equals(Routes.OAuthCallback, StringComparison.Ordinal))
        {
            if (AccessGate.HasBearerToken(request) && attempts.Record(context, out wait))
            {
                await FailedAttempts.TooMany(context, wait).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await Pages.SignIn.SignInHandlers.ChallengeAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    // A bearer token anywhere, or the sign-in form's post.
    private static bool PresentsCredential(HttpRequest request) =>
        AccessGate.HasBearerToken(request)
        || (HttpMethods.IsPost(request.Method) && request.Path.Equals(Routes.SignIn, StringComparison.Ordinal));
}
