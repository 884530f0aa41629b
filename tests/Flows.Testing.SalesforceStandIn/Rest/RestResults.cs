using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Testing.SalesforceStandIn.Http;

namespace Flows.Testing.SalesforceStandIn.Rest;

/// <summary>How the REST API answers: JSON with Salesforce's content type and API usage header.</summary>
internal static class RestResults
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    // Salesforce writes "Summer '25" and "’" as they are; the default encoder would \u-escape them.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.Headers["Sforce-Limit-Info"] = "api-usage=18/5000";
        return ScriptedResponses.WriteAsync(context, status, JsonContentType, body.ToJsonString(Options));
    }

    /// <summary>REST errors are an array of {message, errorCode}.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string errorCode, string message) =>
        JsonAsync(context, status, new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = errorCode }));

    public static Task InvalidSessionAsync(HttpContext context, string message = "Session expired or invalid") =>
        ErrorAsync(context, StatusCodes.Status401Unauthorized, "INVALID_SESSION_ID", message);

    public static Task NotFoundAsync(HttpContext context) =>
        ErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", "The requested resource does not exist");
}
