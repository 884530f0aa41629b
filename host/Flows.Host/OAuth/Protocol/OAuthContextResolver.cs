using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Host.Outbound;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.OAuth.Protocol;

/// <summary>
/// Turns a declaration and one account's values into an <see cref="OAuthContext"/>: the client (the
/// operator's first, then the account's fields), the endpoints under the host rules, and the JWT
/// bearer inputs; or the first problem, with the field to blame.
/// </summary>
internal sealed class OAuthContextResolver(PluginOutbound outbound, OAuthOptions options)
{
    /// <summary>Resolves <paramref name="declaration"/> with an account's values into what every call needs, or the problem and the field to blame.</summary>
    public OAuthResolution Resolve(string pluginId, OAuthDeclaration declaration, JsonObject accountValues)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(accountValues);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in accountValues)
        {
            if (OAuthTokenAnswer.Text(value) is { } text)
            {
                fields[name] = text;
            }
        }

        var provider = declaration.Provider;
        var client = declaration.Client;
        string? clientId;
        string? clientSecret;
        OAuthClientCredentials? configured = null;
        var fromConfiguration = client.ConfigKey is not null && options.Clients.TryGetValue(client.ConfigKey, out configured) && !string.IsNullOrWhiteSpace(configured.ClientId);
        if (fromConfiguration)
        {
            clientId = configured!.ClientId!.Trim();
            clientSecret = NullIfBlank(configured.ClientSecret);
        }
        else
        {
            clientId = client.IdField is null ? null : NullIfBlank(fields.GetValueOrDefault(client.IdField));
            clientSecret = client.SecretField is null ? null : NullIfBlank(fields.GetValueOrDefault(client.SecretField));
        }

        if (clientId is null)
        {
            return client.IdField is not null
                ? OAuthResolution.Refused($"Enter the client id (consumer key) of the app registered at {provider}.", client.IdField)
                : OAuthResolution.Refused($"The Flows operator has not configured the {provider} app: set OAuth:Clients:{client.ConfigKey}:ClientId.", null);
        }

        if (declaration.Flow == OAuthFlow.ClientCredentials && clientSecret is null)
        {
            return client.SecretField is not null && !fromConfiguration
                ? OAuthResolution.Refused($"Enter the client secret (consumer secret) of the app registered at {provider}.", client.SecretField)
                : OAuthResolution.Refused($"The Flows operator has not configured the {provider} app's secret: set OAuth:Clients:{client.ConfigKey}:ClientSecret.", null);
        }

        var rules = new OAuthEndpointRules(pluginId, provider, declaration.Hosts, outbound.For(pluginId).Policy);
        var endpointFields = new Dictionary<Uri, string>();
        var token = rules.Resolve(declaration.TokenUrl, "token endpoint", fields);
        if (token.Url is null)
        {
            return OAuthResolution.Refused(token.Problem!, token.Field);
        }

        Remember(token);
        Uri? authorization = null;
        if (declaration.AuthorizationUrl is not null)
        {
            var outcome = rules.Resolve(declaration.AuthorizationUrl, "authorization endpoint", fields);
            if (outcome.Url is null)
            {
                return OAuthResolution.Refused(outcome.Problem!, outcome.Field);
            }

            authorization = Remember(outcome);
        }

        Uri? revocation = null;
        if (declaration.RevocationUrl is not null)
        {
            var outcome = rules.Resolve(declaration.RevocationUrl, "revocation endpoint", fields);
            if (outcome.Url is null)
            {
                return OAuthResolution.Refused(outcome.Problem!, outcome.Field);
            }

            revocation = Remember(outcome);
        }

        // An identity URL from the token answer is judged once there is an answer; one from a field, now.
        if (declaration.IdentityUrl is { } identity && !identity.StartsWith("{token.", StringComparison.Ordinal)
            && rules.Resolve(identity, "identity endpoint", fields) is { Url: null } badIdentity)
        {
            return OAuthResolution.Refused(badIdentity.Problem!, badIdentity.Field);
        }

        OAuthJwtInputs? jwt = null;
        if (declaration.Flow == OAuthFlow.JwtBearer && declaration.Jwt is { } jwtDeclaration)
        {
            var subject = NullIfBlank(fields.GetValueOrDefault(jwtDeclaration.SubjectField));
            if (subject is null)
            {
                return OAuthResolution.Refused($"Enter the {provider} user name the app signs in as.", jwtDeclaration.SubjectField);
            }

            var privateKey = fields.GetValueOrDefault(jwtDeclaration.PrivateKeyField) ?? string.Empty;
            if (OAuthJwtAssertion.CheckKey(privateKey) is { } keyProblem)
            {
                return OAuthResolution.Refused(keyProblem, jwtDeclaration.PrivateKeyField);
            }

            var audience = Audience(jwtDeclaration, accountValues, fields, out var audienceField);
            if (audience is null)
            {
                return OAuthResolution.Refused("Enter a URL starting with https://.", audienceField);
            }

            jwt = new OAuthJwtInputs
            {
                Subject = subject,
                Audience = audience,
                Lifetime = TimeSpan.FromSeconds(Math.Clamp(jwtDeclaration.LifetimeSeconds, 30, 300)),
                PrivateKeyPem = privateKey,
            };
        }

        return OAuthResolution.Resolved(new OAuthContext
        {
            PluginId = pluginId,
            Declaration = declaration,
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientFromConfiguration = fromConfiguration,
            AuthorizationEndpoint = authorization,
            TokenEndpoint = token.Url,
            RevocationEndpoint = revocation,
            IdentityEndpoint = declaration.IdentityUrl,
            Jwt = jwt,
            EndpointFields = endpointFields,
            FieldValues = fields,
        });

        Uri Remember(OAuthEndpointRules.Outcome outcome)
        {
            if (outcome.Field is not null)
            {
                endpointFields[outcome.Url!] = outcome.Field;
            }

            return outcome.Url!;
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Audience(OAuthJwtDeclaration jwt, JsonObject accountValues, Dictionary<string, string> fields, out string? field)
    {
        field = null;
        var audience = jwt.Audience;
        foreach (var rule in jwt.AudienceWhen)
        {
            if (JsonNode.DeepEquals(accountValues[rule.Field], JsonSerializer.SerializeToNode(rule.EqualsValue)))
            {
                audience = rule.Audience;
                break;
            }
        }

        if (!audience.StartsWith('{'))
        {
            return audience;
        }

        // "{loginUrl}": the origin of that field's URL.
        field = audience.Trim('{', '}');
        return fields.TryGetValue(field, out var value) && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url.GetLeftPart(UriPartial.Authority)
            : null;
    }
}
