namespace Flows.Web.Api.Shapes;

/// <summary>
/// An RFC 9457 problem (<c>application/problem+json</c>). <see cref="Errors"/> is keyed by JSON
/// Pointer into the request body (<c>/label</c>, <c>/values/servers/0/host</c>; <c>""</c> for the
/// request as a whole), each with the messages the screens and the CLI give.
/// </summary>
/// <param name="Type">A URN naming the kind of problem, e.g. <c>urn:flows:problem:invalid-values</c>.</param>
/// <param name="Verdict">The connector validator's verdict, when it is the reason.</param>
internal sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string? Detail,
    string? Instance,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors = null,
    VerdictResponse? Verdict = null);
