using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Web.Hosting;

/// <summary>
/// How big a request may be, and the answer when one is bigger: 413 or 400 with a page a person
/// can act on (the API answers problem details through its own reading), never a 500 or a stack
/// trace. Account forms are small; a huge post is a mistake or an attack.
/// </summary>
internal static class RequestLimits
{
    public const long MaximumBodyBytes = 1024 * 1024;

    public const int MaximumFormFields = 1024;

    // A pasted PEM certificate (schemas allow 65,536 characters) fits, percent-encoded.
    public const int MaximumFormValueBytes = 256 * 1024;

    public static void Apply(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel) => kestrel.Limits.MaxRequestBodySize = MaximumBodyBytes;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = MaximumFormFields;
            form.ValueLengthLimit = MaximumFormValueBytes;
            form.MultipartBodyLengthLimit = MaximumBodyBytes;
        });

    /// <summary>
    /// Reads a page's form post up front (pages and the antiforgery check then use the copy ASP.NET
    /// keeps), so one beyond the limits is refused here with a page instead of failing inside a screen.
    /// </summary>
    public static async Task ReadFormsWithinLimitsAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.HasFormContentType || request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        IResult? refusal = null;
        try
        {
            await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            refusal = Pages.Errors.ErrorPages.Problem("Nothing was saved", $"The form is larger than this server accepts ({MaximumBodyBytes / 1024 / 1024} MB in all).", StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception exception) when (exception is BadHttpRequestException or InvalidDataException or IOException)
        {
            refusal = Pages.Errors.ErrorPages.Problem(
                "Nothing was saved",
                $"The form cannot be read: it has more than {MaximumFormFields} fields, a value longer than {MaximumFormValueBytes / 1024} KB, or it is not a well-formed form.",
                exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
