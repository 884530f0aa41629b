using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flows.Testing.SalesforceStandIn.Http;
using Flows.Testing.SalesforceStandIn.State;

namespace Flows.Testing.SalesforceStandIn.OAuth;

/// <summary>POST /services/oauth2/token: the four grants, and Salesforce's JSON answers for each outcome.</summary>
internal sealed class TokenEndpoint
{
    private const string JsonContentType = "application/json;charset=UTF-8";

    private readonly StandInState _state;
    private readonly AuthorizationCodeGrant _code;
    private readonly RefreshTokenGrant _refresh;
    private readonly JwtBearerGrant _jwt;
    private readonly ClientCredentialsGrant _clientCredentials;

    public TokenEndpoint(StandInState state)
    {
        _state = state;
        var gates = new TokenGates(state.Scenario);
        _code = new AuthorizationCodeGrant(state, gates);
        _refresh = new RefreshTokenGrant(state, gates);
        _jwt = new JwtBearerGrant(state, gates);
        _clientCredentials = new ClientCredentialsGrant(state, gates);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var form = OAuthParameters.Read(context);
        var grantType = form.GetValueOrDefault("grant_type") ?? "";
        _state.OAuth.RecordTokenRequest(grantType);

        var outcome = grantType switch
        {
            StandInGrantTypes.AuthorizationCode => _code.Exchange(context, form),
            StandInGrantTypes.RefreshToken => _refresh.Exchange(context, form),
            StandInGrantTypes.JwtBearer => _jwt.Exchange(form),
            StandInGrantTypes.ClientCredentials => _clientCredentials.Exchange(context, form),
            _ => OAuthError.UnsupportedGrantType,
        };

        // Token answers are never cached, successful or not.
        context.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        switch (outcome)
        {
            case TokenGranted granted:
                await ScriptedResponses.WriteAsync(context, StatusCodes.Status200OK, JsonContentType, Answer(context, granted).ToJsonString());
                break;
            case OAuthError error when ReferenceEquals(error, OAuthError.MaintenancePage):
                await ScriptedResponses.MaintenancePageAsync(context);
                break;
            case OAuthError error:
                await WriteErrorAsync(context, error);
                break;
        }
    }

    public static Task WriteErrorAsync(HttpContext context, OAuthError error) =>
        ScriptedResponses.WriteAsync(context, error.Status, JsonContentType,
            new JsonObject { ["error"] = error.Error, ["error_description"] = error.Description }.ToJsonString());

    private JsonObject Answer(HttpContext context, TokenGranted granted)
    {
        var accessToken = _state.Sessions.Issue(granted.User);
        if (granted.Refresh is { } refresh)
        {
            _state.RefreshTokens.AddAccessToken(refresh, accessToken);
        }

        var baseUrl = _state.BaseUrl(context);
        var id = $"{baseUrl}/id/{granted.Org.Id}/{granted.User.UserId}";
        var issuedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var answer = new JsonObject { ["access_token"] = accessToken };
        if (granted.RefreshToken is { } refreshToken)
        {
            answer["refresh_token"] = refreshToken;
        }

        _state.Issued.Record(new StandInIssuedToken(granted.App.ConsumerKey, granted.User.Username, accessToken, granted.RefreshToken));
        answer["signature"] = Signature(granted.App, id, issuedAt);
        answer["scope"] = granted.Scope;
        answer["instance_url"] = baseUrl;
        answer["id"] = id;
        answer["token_type"] = "Bearer";
        answer["issued_at"] = issuedAt;
        return answer;
    }

    /// <summary>Salesforce's: base64 of HMAC-SHA256 over id + issued_at, keyed with the consumer secret.</summary>
    private static string Signature(StandInConnectedApp app, string id, string issuedAt)
    {
        var key = Encoding.UTF8.GetBytes(app.ConsumerSecret ?? app.ConsumerKey);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id + issuedAt)));
    }
}
