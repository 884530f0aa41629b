using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.Rest;

/// <summary>The REST endpoints a credential check uses: versions, resources, userinfo, one query.</summary>
internal sealed class RestEndpoints(StandInState state)
{
    private readonly RestAuthorizer _authorizer = new(state);

    public void Map(IEndpointRouteBuilder routes)
    {
        // Routing treats a trailing slash as optional, so these match with and without one.
        routes.MapGet("/services/data", (RequestDelegate)(context =>
            RestResults.JsonAsync(context, StatusCodes.Status200OK, RestDocuments.Versions())));
        routes.MapGet("/services/data/v{version}", (RequestDelegate)ResourcesAsync);
        routes.MapGet("/services/data/v{version}/query", (RequestDelegate)QueryAsync);
        routes.MapGet("/services/oauth2/userinfo", (RequestDelegate)UserInfoAsync);
        // Anything else under a version: like Salesforce, a bad token is reported before a bad path.
        routes.Map("/services/data/v{version}/{**rest}", (RequestDelegate)UnknownResourceAsync);
    }

    private async Task ResourcesAsync(HttpContext context)
    {
        if (await AuthorizeDataAsync(context) is var (caller, version))
        {
            await RestResults.JsonAsync(context, StatusCodes.Status200OK, RestDocuments.ResourceMap(state.BaseUrl(context), version, caller));
        }
    }

    private async Task QueryAsync(HttpContext context)
    {
        if (await AuthorizeDataAsync(context) is not var (caller, version))
        {
            return;
        }

        string? soql = context.Request.Query["q"];
        if (OrganizationQuery.Parse(soql) is not { } fields)
        {
            await RestResults.ErrorAsync(context, StatusCodes.Status400BadRequest, "MALFORMED_QUERY",
                $"The stand-in only answers SELECT {string.Join(", ", OrganizationQuery.KnownFields)} FROM Organization, not: {soql}");
            return;
        }

        await RestResults.JsonAsync(context, StatusCodes.Status200OK, RestDocuments.OrganizationRecords(version, caller.Org, fields));
    }

    private async Task UnknownResourceAsync(HttpContext context)
    {
        if (await _authorizer.AuthorizeAsync(context, RestSurface.Data) is not null)
        {
            await RestResults.NotFoundAsync(context);
        }
    }

    private async Task UserInfoAsync(HttpContext context)
    {
        if (await _authorizer.AuthorizeAsync(context, RestSurface.UserInfo) is { } caller)
        {
            await RestResults.JsonAsync(context, StatusCodes.Status200OK, RestDocuments.UserInfo(state.BaseUrl(context), caller));
        }
    }

    /// <summary>The caller and API version of a data request; null when the response is already written.</summary>
    private async Task<(RestCaller Caller, string Version)?> AuthorizeDataAsync(HttpContext context)
    {
        var version = context.Request.RouteValues["version"] as string ?? "";
        if (await _authorizer.AuthorizeAsync(context, RestSurface.Data) is not { } caller)
        {
            return null;
        }

        if (!ApiVersions.IsRest(version))
        {
            await RestResults.NotFoundAsync(context);
            return null;
        }

        return (caller, version);
    }
}
