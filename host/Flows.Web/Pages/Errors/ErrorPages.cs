using Flows.Host.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Pages.Errors;

/// <summary>Errors as pages a person can act on; never a stack trace, never an exception's text (it may quote a secret).</summary>
internal static partial class ErrorPages
{
    public static IResult NotFound(string message) => Problem("Not found", message, StatusCodes.Status404NotFound);

    public static IResult Untrusted(string back) =>
        Problem("Nothing was done", "The request could not be trusted: it came from a page that was open across a sign-out or from another site.", StatusCodes.Status400BadRequest, back);

    public static IResult Problem(string title, string message, int status, string? back = null) =>
        PageResults.Page<ErrorPage>(new { Heading = title, Message = message, Back = back }, status);

    /// <summary>The last resort for a bug: a plain page (or problem details under /api) and a log line with the exception's type only.</summary>
    public static async Task UnhandledAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Flows.Web");
        if (exception is AccountStoreUnavailableException unavailable)
        {
            await StoreUnavailableAsync(context, logger, unavailable).ConfigureAwait(false);
            return;
        }

        if (exception is BadHttpRequestException refused)
        {
            // Kestrel's refusal of the request itself (too large, too slow): the client's fault, not a bug.
            LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, refused.StatusCode);
            await RefusedAsync(context, refused.StatusCode).ConfigureAwait(false);
            return;
        }

        LogUnhandled(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, exception?.GetType().FullName ?? "unknown", exception?.StackTrace ?? string.Empty);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Results.Problem(title: "Internal error", detail: "The server failed while handling this request; the server log has the details.", statusCode: 500)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await Problem("Something went wrong", "The server failed while handling this page; the server log has the details. Nothing you typed was saved.", 500)
            .ExecuteAsync(context).ConfigureAwait(false);
    }

    // Not a bug: a fault the operator can fix, said once in the log and to the person, who can do nothing
    // with the account store until it is fixed (reads and writes alike are refused meanwhile).
    private static async Task StoreUnavailableAsync(HttpContext context, ILogger logger, AccountStoreUnavailableException unavailable)
    {
        LogStoreUnavailable(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, unavailable.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        var answer = context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? Api.ApiProblems.Unavailable(context, unavailable.Message)
            : Problem("Accounts are unavailable", unavailable.Message, StatusCodes.Status503ServiceUnavailable);
        await answer.ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the account store is unavailable: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string path, string reason);

    private static async Task RefusedAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        const string Detail = "The server could not read this request: it is too large, or it arrived too slowly. Nothing was saved.";
        var answer = context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? Results.Problem(title: "The request cannot be read.", detail: Detail, statusCode: status, type: Api.ApiProblems.MalformedRequest)
            : Problem("Nothing was saved", Detail, status);
        await answer.ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: the request could not be read")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {ExceptionType}\n{StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, string exceptionType, string stackTrace);
}
