namespace Flows.Host.OAuth.Protocol;

/// <summary>The token request being made, for wording its errors and counting in logs.</summary>
internal enum OAuthGrant
{
    AuthorizationCode,
    RefreshToken,
    JwtBearer,
    ClientCredentials,
}
