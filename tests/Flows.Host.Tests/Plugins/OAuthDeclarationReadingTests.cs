using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.Plugins;

/// <summary>
/// The <c>oauth</c> blocks of real manifests read into the same declarations as the general JSON
/// serializer (web defaults, enums by camelCase name) makes of them, every member included.
/// </summary>
public sealed class OAuthDeclarationReadingTests
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static TheoryData<string, int> OAuthBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var folder in new[] { Fixtures.Salesforce, Fixtures.OAuth })
        {
            var accounts = Accounts(folder);
            for (var i = 0; i < accounts.Count; i++)
            {
                if (accounts[i]!["oauth"] is not null)
                {
                    data.Add(folder, i);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OAuthBlocks))]
    public void Read_OAuthBlockOfARealManifest_IsWhatTheSerializerMakesOfIt(string folder, int account)
    {
        var block = Accounts(folder)[account]!["oauth"]!.ToJsonString();
        using var document = JsonDocument.Parse(block);

        var read = OAuthDeclaration.Read(document.RootElement);

        var expected = JsonSerializer.Deserialize<OAuthDeclaration>(block, SerializerOptions)!;
        JsonSerializer.Serialize(read, SerializerOptions).ShouldBe(JsonSerializer.Serialize(expected, SerializerOptions));
    }

    [Fact]
    public void Read_EveryMemberAndTheJwtBlock_AreRead()
    {
        const string block = """
            {
              "provider": "Example", "flow": "jwtBearer", "tokenUrl": "https://id.example.com/token",
              "authorizationUrl": "https://id.example.com/authorize", "revocationUrl": "https://id.example.com/revoke",
              "identityUrl": "https://id.example.com/me", "identityClaims": ["email", "sub"], "scopes": ["api", "refresh_token"],
              "parameters": { "prompt": "login consent", "display": "page" },
              "client": { "configKey": "example", "idField": "clientId", "secretField": "clientSecret" },
              "jwt": { "subjectField": "username", "privateKeyField": "privateKey", "audience": "https://id.example.com",
                       "audienceWhen": [{ "field": "sandbox", "equals": true, "audience": "https://test.example.com" },
                                        { "field": "region", "equals": { "name": "eu" }, "audience": "https://eu.example.com" }],
                       "lifetimeSeconds": 120 },
              "hosts": ["id.example.com", "*.example.com"], "validatorReceives": ["refreshToken", "clientSecret"],
              "errors": [{ "error": "invalid_grant", "description": "expired", "message": "Sign in again.", "field": "username", "retry": true },
                         { "error": "invalid_client", "message": "Check the client." }]
            }
            """;
        OAuthDeclaration read;
        using (var document = JsonDocument.Parse(block))
        {
            read = OAuthDeclaration.Read(document.RootElement);
        }

        // Serialized after the document is gone: what was read holds no part of it.
        var expected = JsonSerializer.Deserialize<OAuthDeclaration>(block, SerializerOptions)!;
        JsonSerializer.Serialize(read, SerializerOptions).ShouldBe(JsonSerializer.Serialize(expected, SerializerOptions));
        read.Flow.ShouldBe(OAuthFlow.JwtBearer);
        read.Jwt!.LifetimeSeconds.ShouldBe(120);
        read.Jwt.AudienceWhen[1].EqualsValue.GetProperty("name").GetString().ShouldBe("eu");
    }

    [Fact]
    public void Read_OptionalMembersLeftOut_KeepTheirDefaults()
    {
        using var document = JsonDocument.Parse("""{ "provider": "Example", "flow": "clientCredentials", "tokenUrl": "https://id.example.com/token", "jwt": { "subjectField": "u", "privateKeyField": "k", "audience": "a" } }""");

        var read = OAuthDeclaration.Read(document.RootElement);

        read.Flow.ShouldBe(OAuthFlow.ClientCredentials);
        read.AuthorizationUrl.ShouldBeNull();
        read.Scopes.ShouldBeEmpty();
        read.Parameters.ShouldBeEmpty();
        read.Client.ShouldBe(new OAuthClientDeclaration());
        read.Jwt!.LifetimeSeconds.ShouldBe(180);
        read.Jwt.AudienceWhen.ShouldBeEmpty();
        read.ValidatorReceives.ShouldBeEmpty();
        read.Errors.ShouldBeEmpty();
    }

    private static JsonArray Accounts(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolders.PathOf(folder), "plugin.json")))!["contributes"]!["accounts"]!.AsArray();
}
