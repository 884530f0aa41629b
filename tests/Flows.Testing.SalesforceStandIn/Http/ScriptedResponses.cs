using System.Text;

namespace Flows.Testing.SalesforceStandIn.Http;

/// <summary>The non-Salesforce answers real networks produce, shared by the SOAP and REST endpoints.</summary>
internal static class ScriptedResponses
{
    public const string MaintenancePage =
        "<html><head><title>Down for maintenance</title></head><body><h1>Down for maintenance</h1>"
        + "<p>Salesforce is down for scheduled maintenance. Please try again later.</p></body></html>";

    public static Task WriteAsync(HttpContext context, int status, string? contentType, string body)
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        // A Content-Length, as Salesforce sends for these small answers, rather than chunking.
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static Task MaintenancePageAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "text/html; charset=utf-8", MaintenancePage);

    /// <summary>Closes the connection with no response at all, as a dying proxy does.</summary>
    public static void Drop(HttpContext context) => context.Abort();

    /// <summary>
    /// Keeps the request waiting. False when the client gave up or the stand-in is stopping; the
    /// connection is then aborted, since nobody is waiting for an answer.
    /// </summary>
    public static async Task<bool> DelayAsync(HttpContext context, TimeSpan delay)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(delay, either.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }
}
