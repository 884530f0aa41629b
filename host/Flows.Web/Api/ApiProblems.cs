using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Api;

/// <summary>
/// Every problem the API answers with, by kind. The <c>type</c> is a URN (<c>urn:flows:problem:…</c>)
/// a client can switch on; <c>title</c> is fixed per type; <c>detail</c> says what happened this time.
/// </summary>
internal static class ApiProblems
{
    public const string MalformedRequest = "urn:flows:problem:malformed-request";
    public const string UnsupportedMediaType = "urn:flows:problem:unsupported-media-type";
    public const string NotFound = "urn:flows:problem:not-found";
    public const string InvalidValues = "urn:flows:problem:invalid-values";
    public const string RejectedByConnector = "urn:flows:problem:rejected-by-connector";
    public const string ConnectorUnavailable = "urn:flows:problem:connector-unavailable";
    public const string CannotBeValidated = "urn:flows:problem:cannot-be-validated";
    public const string DuplicateLabel = "urn:flows:problem:duplicate-label";
    public const string SecretsUnavailable = "urn:flows:problem:secrets-unavailable";
    public const string AccountTypeUnavailable = "urn:flows:problem:account-type-unavailable";
    public const string StoreUnavailable = "urn:flows:problem:store-unavailable";
    public const string AccountChanged = "urn:flows:problem:account-changed";
    public const string InvalidQuery = "urn:flows:problem:invalid-query";

    public static IResult Malformed(HttpContext context, string detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null) =>
        Problem(context, MalformedRequest, "The request body cannot be read.", StatusCodes.Status400BadRequest, detail, errors);

    /// <summary>A query parameter cannot be used (a page size out of range, a cursor the list did not give).</summary>
    public static IResult BadQuery(HttpContext context, string detail) =>
        Problem(context, InvalidQuery, "The request's query cannot be used.", StatusCodes.Status400BadRequest, detail);

    public static IResult NotJson(HttpContext context) =>
        Problem(context, UnsupportedMediaType, "The request body must be JSON.", StatusCodes.Status415UnsupportedMediaType,
            $"Send the body as application/json (this request said '{context.Request.ContentType ?? "nothing"}'). POST and PUT requests always need that content type, even without a body.");

    /// <summary>The account store cannot be used now (damaged, disk full, read-only, key unusable): the store's sentence says what to do.</summary>
    public static IResult Unavailable(HttpContext context, string sentence) =>
        Problem(context, StoreUnavailable, "The account store is unavailable.", StatusCodes.Status503ServiceUnavailable, $"store unavailable: {sentence}");

    public static IResult Missing(HttpContext context, string detail) =>
        Problem(context, NotFound, "Not found.", StatusCodes.Status404NotFound, detail);

    public static IResult Problem(
        HttpContext context,
        string type,
        string title,
        int status,
        string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        VerdictResponse? verdict = null) =>
        new ApiResult<ApiProblem>(
            new ApiProblem(type, title, status, detail, context.Request.Path.Value, errors is { Count: > 0 } ? errors : null, verdict),
            ApiJson.Api.ApiProblem,
            status,
            ApiResults.ProblemJson,
            location: null);
}
