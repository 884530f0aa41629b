using System.Net.Http.Headers;
using Flows.Testing.SalesforceStandIn.Http;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.Soap;

/// <summary>POST /services/Soap/u/{version}: the partner API login().</summary>
internal sealed class SoapLoginEndpoint(StandInState state)
{
    private readonly LoginDecider _decider = new(state.Scenario, state.Logins);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/services/Soap/u/{version}", (RequestDelegate)HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        if (!IsSoap11(context.Request.ContentType))
        {
            await ClientFaultAsync(context, "Content-Type must be text/xml for a SOAP 1.1 request.");
            return;
        }

        // SOAPAction is not checked: clients send "login", "" or "\"\"", and Salesforce accepts them all.
        if (SoapLoginRequest.Parse(context.RequestBody()) is not { } request)
        {
            await ClientFaultAsync(context, "Could not read a login request: expected a SOAP 1.1 envelope whose Body holds {urn:partner.soap.sforce.com}login with username and password.");
            return;
        }

        state.Logins.RecordAttempt(request.Username);

        var version = context.Request.RouteValues["version"] as string ?? "";
        if (LoginVersions.FaultFor(version) is { } versionFault)
        {
            await FaultAsync(context, versionFault);
            return;
        }

        if (!await PlayBehaviourAsync(context, state.Scenario.FindUser(request.Username)))
        {
            return;
        }

        switch (_decider.Decide(request))
        {
            case LoginSucceeded success:
                var sessionId = state.Sessions.Issue(success.User);
                var xml = SoapMessages.LoginResponse(state.BaseUrl(context), version, success.User, success.Org, sessionId);
                await ScriptedResponses.WriteAsync(context, StatusCodes.Status200OK, SoapMessages.ContentType, xml);
                break;
            case LoginFaulted faulted:
                await FaultAsync(context, faulted.Fault);
                break;
        }
    }

    /// <summary>Plays a transport-level misbehaviour; false when the response is already decided.</summary>
    private async Task<bool> PlayBehaviourAsync(HttpContext context, StandInUser? user)
    {
        switch (user?.Behaviour)
        {
            case LoginBehaviour.Slow:
                return await ScriptedResponses.DelayAsync(context, state.Scenario.SlowDelay);
            case LoginBehaviour.Drop:
                ScriptedResponses.Drop(context);
                return false;
            case LoginBehaviour.HtmlPage:
                await ScriptedResponses.MaintenancePageAsync(context);
                return false;
            case LoginBehaviour.Garbage:
                await ScriptedResponses.WriteAsync(context, StatusCodes.Status200OK, "text/plain; charset=utf-8", "this is not xml <<<");
                return false;
            case LoginBehaviour.EmptyBody:
                await ScriptedResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, null, "");
                return false;
            case LoginBehaviour.Redirect:
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = StandInAccounts.RedirectLocation;
                return false;
            case LoginBehaviour.MovedTemporarily when !context.Request.Query.ContainsKey("moved"):
                // 307 keeps the method and body, so a client that follows it posts the same login() again.
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = $"{context.Request.Path}?moved=1";
                return false;
            default:
                return true;
        }
    }

    private static bool IsSoap11(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, "text/xml", StringComparison.OrdinalIgnoreCase);

    private static Task FaultAsync(HttpContext context, LoginFault fault) =>
        ScriptedResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, SoapMessages.ContentType, SoapMessages.Fault(fault));

    private static Task ClientFaultAsync(HttpContext context, string message) =>
        ScriptedResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, SoapMessages.ContentType, SoapMessages.ClientFault(message));
}
