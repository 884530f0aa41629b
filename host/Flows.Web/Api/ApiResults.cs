using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Api;

/// <summary>Writes an answer with the API's JSON settings (<see cref="ApiJson"/>), with a status and an optional Location.</summary>
internal sealed class ApiResult<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode, string contentType, string? location) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await JsonSerializer.SerializeAsync(response.Body, value, typeInfo, httpContext.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>Shorthands for <see cref="ApiResult{T}"/>.</summary>
internal static class ApiResults
{
    public const string Json = "application/json";

    public const string ProblemJson = "application/problem+json";

    public static IResult Ok<T>(T value, JsonTypeInfo<T> typeInfo) => new ApiResult<T>(value, typeInfo, StatusCodes.Status200OK, Json, null);

    public static IResult Created<T>(T value, JsonTypeInfo<T> typeInfo, string location) => new ApiResult<T>(value, typeInfo, StatusCodes.Status201Created, Json, location);
}
