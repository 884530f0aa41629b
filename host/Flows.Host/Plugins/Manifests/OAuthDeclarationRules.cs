namespace Flows.Host.Plugins.Manifests;

/// <summary>What the manifest schema cannot say about an <c>oauth</c> block: which parts each flow needs.</summary>
internal static class OAuthDeclarationRules
{
    public static IEnumerable<(string Path, string Message)> Check(OAuthDeclaration oauth)
    {
        switch (oauth.Flow)
        {
            case OAuthFlow.AuthorizationCode when oauth.AuthorizationUrl is null:
                yield return (string.Empty, "the authorizationCode flow needs an authorizationUrl");
                break;
            case OAuthFlow.JwtBearer when oauth.Jwt is null:
                yield return (string.Empty, "the jwtBearer flow needs a jwt block (subjectField, privateKeyField, audience)");
                break;
            case OAuthFlow.ClientCredentials when oauth.Client.ConfigKey is null && oauth.Client.SecretField is null:
                yield return (".client", "the clientCredentials flow needs a client secret: a secretField or a configKey");
                break;
        }

        if (oauth.Client.ConfigKey is null && oauth.Client.IdField is null)
        {
            yield return (".client", "say where the client id comes from: an idField, a configKey, or both");
        }

        if (oauth.Flow != OAuthFlow.JwtBearer && oauth.Jwt is not null)
        {
            yield return (".jwt", $"only the jwtBearer flow uses a jwt block, not {oauth.Flow}");
        }
    }
}
