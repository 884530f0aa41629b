using System.Text;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.Http;

/// <summary>
/// Reads every request body once, records it in the journal and hands it to the endpoints, so
/// tests see exactly the bytes a client sent (escaping included).
/// </summary>
internal static class RequestBodyCapture
{
    private static readonly object BodyKey = new();

    public static IApplicationBuilder UseRequestBodyCapture(this IApplicationBuilder app, RequestJournal journal) =>
        app.Use(async (context, next) =>
        {
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
            {
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                context.Items[BodyKey] = body;
                if (body.Length > 0)
                {
                    journal.Record(body);
                }
            }

            await next(context);
        });

    public static string RequestBody(this HttpContext context) => context.Items[BodyKey] as string ?? "";
}
