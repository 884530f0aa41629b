using System.Text.Json;

namespace Flows.Host.Plugins.Manifests;

/// <summary>
/// Reads an <c>oauth</c> block that already passed the manifest schema, member by member. Every
/// command that lists plugins reads it, and the reflection-based serializer would cost each of them
/// its whole set-up (converters, emitted accessors, generic code compiled at start); the schema has
/// already settled every name and type, so there is nothing left for a serializer to decide.
/// </summary>
internal static class OAuthDeclarationReader
{
    public static OAuthDeclaration Read(JsonElement oauth) => new()
    {
        Provider = Required(oauth, "provider").GetString()!,
        Flow = Flow(Required(oauth, "flow")),
        AuthorizationUrl = OptionalString(oauth, "authorizationUrl"),
        TokenUrl = Required(oauth, "tokenUrl").GetString()!,
        RevocationUrl = OptionalString(oauth, "revocationUrl"),
        IdentityUrl = OptionalString(oauth, "identityUrl"),
        IdentityClaims = oauth.TryGetProperty("identityClaims", out var claims) ? Strings(claims) : [],
        Scopes = oauth.TryGetProperty("scopes", out var scopes) ? Strings(scopes) : [],
        Parameters = oauth.TryGetProperty("parameters", out var parameters) ? Parameters(parameters) : new Dictionary<string, string>(),
        Client = oauth.TryGetProperty("client", out var client) ? Client(client) : new(),
        Jwt = oauth.TryGetProperty("jwt", out var jwt) ? Jwt(jwt) : null,
        Hosts = oauth.TryGetProperty("hosts", out var hosts) ? Strings(hosts) : [],
        ValidatorReceives = oauth.TryGetProperty("validatorReceives", out var receives) ? ValidatorInputs(receives) : [],
        Errors = oauth.TryGetProperty("errors", out var errors) ? Errors(errors) : [],
    };

    private static OAuthFlow Flow(JsonElement flow) => flow.GetString() switch
    {
        "authorizationCode" => OAuthFlow.AuthorizationCode,
        "jwtBearer" => OAuthFlow.JwtBearer,
        "clientCredentials" => OAuthFlow.ClientCredentials,
        var other => throw new JsonException($"'{other}' is not an OAuth flow."),
    };

    private static List<OAuthValidatorInput> ValidatorInputs(JsonElement array)
    {
        var inputs = new List<OAuthValidatorInput>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            inputs.Add(item.GetString() switch
            {
                "refreshToken" => OAuthValidatorInput.RefreshToken,
                "clientSecret" => OAuthValidatorInput.ClientSecret,
                var other => throw new JsonException($"'{other}' is not something a validator can receive."),
            });
        }

        return inputs;
    }

    private static OAuthClientDeclaration Client(JsonElement client) => new()
    {
        ConfigKey = OptionalString(client, "configKey"),
        IdField = OptionalString(client, "idField"),
        SecretField = OptionalString(client, "secretField"),
    };

    private static OAuthJwtDeclaration Jwt(JsonElement jwt)
    {
        var rules = new List<OAuthAudienceRule>();
        if (jwt.TryGetProperty("audienceWhen", out var audienceWhen))
        {
            foreach (var rule in audienceWhen.EnumerateArray())
            {
                rules.Add(new OAuthAudienceRule
                {
                    Field = Required(rule, "field").GetString()!,
                    // Its own copy: the manifest's document is disposed once the manifest is read.
                    EqualsValue = Required(rule, "equals").Clone(),
                    Audience = Required(rule, "audience").GetString()!,
                });
            }
        }

        var declaration = new OAuthJwtDeclaration
        {
            SubjectField = Required(jwt, "subjectField").GetString()!,
            PrivateKeyField = Required(jwt, "privateKeyField").GetString()!,
            Audience = Required(jwt, "audience").GetString()!,
            AudienceWhen = rules,
        };

        if (jwt.TryGetProperty("lifetimeSeconds", out var lifetime))
        {
            // The schema allows 180.0 as an integer; a 32-bit whole number is what the host can use.
            declaration = declaration with
            {
                LifetimeSeconds = lifetime.TryGetInt32(out var seconds) ? seconds : throw new JsonException("lifetimeSeconds is not a whole number of seconds."),
            };
        }

        return declaration;
    }

    private static List<OAuthErrorDeclaration> Errors(JsonElement array)
    {
        var errors = new List<OAuthErrorDeclaration>(array.GetArrayLength());
        foreach (var error in array.EnumerateArray())
        {
            errors.Add(new OAuthErrorDeclaration
            {
                Error = Required(error, "error").GetString()!,
                Description = OptionalString(error, "description"),
                Message = Required(error, "message").GetString()!,
                Field = OptionalString(error, "field"),
                Retry = error.TryGetProperty("retry", out var retry) && retry.GetBoolean(),
            });
        }

        return errors;
    }

    private static Dictionary<string, string> Parameters(JsonElement parameters)
    {
        var values = new Dictionary<string, string>();
        foreach (var parameter in parameters.EnumerateObject())
        {
            values[parameter.Name] = parameter.Value.GetString()!;
        }

        return values;
    }

    private static List<string> Strings(JsonElement array)
    {
        var strings = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            strings.Add(item.GetString()!);
        }

        return strings;
    }

    private static JsonElement Required(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) ? value : throw new JsonException($"The oauth declaration has no \"{name}\".");

    private static string? OptionalString(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;
}
