using Flows.Testing.SalesforceStandIn.Rest;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>GET /id/{orgId}/{userId}: the identity URL a token answer's <c>id</c> names, read with the bearer token.</summary>
internal sealed class IdentityEndpoint(StandInState state)
{
    private readonly RestAuthorizer _authorizer = new(state);

    public async Task HandleAsync(HttpContext context)
    {
        if (await _authorizer.AuthorizeAsync(context, RestSurface.UserInfo) is not { } caller)
        {
            return;
        }

        var values = context.Request.RouteValues;
        if (!Equals(values["orgId"], caller.Org.Id) || !Equals(values["userId"], caller.User.UserId))
        {
            // A token reads its own user's identity here; the stand-in has no directory of others.
            await Http.ScriptedResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "text/plain;charset=UTF-8", "Forbidden");
            return;
        }

        await RestResults.JsonAsync(context, StatusCodes.Status200OK, RestDocuments.Identity(state.BaseUrl(context), caller));
    }
}
