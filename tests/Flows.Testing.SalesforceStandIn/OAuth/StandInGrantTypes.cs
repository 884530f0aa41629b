namespace Flows.Testing.SalesforceStandIn;

/// <summary>The grant_type values the token endpoint knows, as tests name them in <see cref="SalesforceStandIn.TokenRequests"/>.</summary>
public static class StandInGrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string ClientCredentials = "client_credentials";
}
