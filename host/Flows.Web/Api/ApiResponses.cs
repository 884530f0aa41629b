using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Api;

/// <summary>
/// What an endpoint may answer, for the OpenAPI document: a JSON body of a given shape, or problem
/// details (<see cref="ApiProblem"/>). The answers themselves are written by <see cref="ApiResults"/>
/// and <see cref="ApiProblems"/>, whose status codes depend on the request, so the handlers return
/// <see cref="IResult"/> and the possible answers are listed here.
/// </summary>
internal static class ApiResponses
{
    public static RouteHandlerBuilder ProducesJson<T>(this RouteHandlerBuilder endpoint, int statusCode = StatusCodes.Status200OK) =>
        endpoint.Produces<T>(statusCode, ApiResults.Json);

    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params ReadOnlySpan<int> statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            endpoint.Produces<ApiProblem>(statusCode, ApiResults.ProblemJson);
        }

        return endpoint;
    }
}
