using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>Salesforce's OAuth 2.0 surface: authorize, token, revoke and the identity URL (userinfo is with the REST endpoints).</summary>
internal sealed class OAuthEndpoints(StandInState state)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        var authorize = new AuthorizeEndpoint(state);
        routes.MapGet("/services/oauth2/authorize", (RequestDelegate)authorize.ShowAsync);
        routes.MapPost("/services/oauth2/authorize", (RequestDelegate)authorize.DecideAsync);
        routes.MapPost("/services/oauth2/token", (RequestDelegate)new TokenEndpoint(state).HandleAsync);
        // Salesforce also takes a revoke as GET with the token in the query.
        routes.MapMethods("/services/oauth2/revoke", ["GET", "POST"], (RequestDelegate)new RevokeEndpoint(state).HandleAsync);
        routes.MapGet("/id/{orgId}/{userId}", (RequestDelegate)new IdentityEndpoint(state).HandleAsync);
    }
}
