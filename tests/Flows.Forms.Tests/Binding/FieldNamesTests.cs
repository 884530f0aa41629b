namespace Flows.Forms.Tests.Binding;

/// <summary>
/// Field names as people and scripts type them (<c>--set</c>, the API's values): post names and JSON
/// Pointers find their field, anything else is refused with the closest name and the names there are.
/// </summary>
public sealed class FieldNamesTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "host": { "title": "Host", "type": "string" },
            "sslMode": { "title": "SSL mode", "enum": ["disable", "verify-full"] },
            "password": { "title": "Password", "type": "string", "writeOnly": true },
            "ssl": {
              "title": "TLS",
              "type": "object",
              "properties": { "mode": { "title": "Mode", "type": "string" }, "rootCert": { "title": "Root certificate", "type": "string" } }
            },
            "servers": {
              "title": "Servers",
              "type": "array",
              "items": { "type": "object", "properties": { "host": { "title": "Host", "type": "string" } } }
            },
            "auth": {
              "title": "Authentication",
              "oneOf": [
                { "title": "Basic", "type": "object", "properties": { "method": { "const": "basic" }, "user": { "title": "User", "type": "string" } } },
                { "title": "Token", "type": "object", "properties": { "method": { "const": "token" }, "token": { "title": "Token", "type": "string", "writeOnly": true } } }
              ]
            }
          }
        }
        """;

    private static readonly FormModel Model = FormSchema.Load(Schema).Schema!.Model;

    [Theory]
    [InlineData("host", "host")]
    [InlineData("ssl.mode", "ssl.mode")]
    [InlineData("servers[2].host", "servers[2].host")]
    [InlineData("auth@1.token", "auth@1.token")]
    [InlineData("auth@", "auth@")]
    [InlineData("/sslMode", "sslMode")]
    [InlineData("/ssl/mode", "ssl.mode")]
    [InlineData("/servers/2/host", "servers[2].host")]
    [InlineData("/auth/token", "auth@1.token")]
    public void Resolve_APostNameOrAPointerOfTheForm_FindsItsPostName(string given, string postName)
    {
        var match = FieldNames.Resolve(Model, given);

        match.Problem.ShouldBeNull();
        match.PostName.ShouldBe(postName);
    }

    [Fact]
    public void Resolve_ANameInTheWrongCase_IsRefusedWithTheRightOneAndAllNames()
    {
        var match = FieldNames.Resolve(Model, "sslmode");

        match.PostName.ShouldBeNull();
        match.Problem.ShouldBe("'sslmode' is not a field of this form. Did you mean 'sslMode'? Its fields: host, sslMode, password, ssl.mode, ssl.rootCert, servers[0].host, auth@, auth@0.user, auth@1.token.");
    }

    [Theory]
    [InlineData("passwrd", "password")]
    [InlineData("ssl.mdoe", "ssl.mode")]
    [InlineData("servers[3].hots", "servers[3].host")]
    [InlineData("/ssl/Mode", "/ssl/mode")]
    public void Resolve_AMistypedName_SuggestsTheClosestName(string given, string suggestion)
    {
        FieldNames.Resolve(Model, given).Problem.ShouldStartWith($"'{given}' is not a field of this form. Did you mean '{suggestion}'?");
    }

    [Fact]
    public void Resolve_ANameLikeNoneOfTheForm_SuggestsNothingButListsTheNames()
    {
        var problem = FieldNames.Resolve(Model, "colour").Problem!;

        problem.ShouldNotContain("Did you mean");
        problem.ShouldContain("Its fields: host, sslMode");
    }

    [Fact]
    public void Resolve_AGroupsName_SaysToNameOneOfItsFields()
    {
        FieldNames.Resolve(Model, "ssl").Problem.ShouldBe("'ssl' is a group of fields, not a field: name one of its fields: ssl.mode, ssl.rootCert.");
    }

    [Fact]
    public void Resolve_ASecretField_SaysItIsSecret()
    {
        FieldNames.Resolve(Model, "password").IsSecret.ShouldBeTrue();
        FieldNames.Resolve(Model, "/auth/token").IsSecret.ShouldBeTrue();
        FieldNames.Resolve(Model, "host").IsSecret.ShouldBeFalse();
    }

    [Fact]
    public void ChosenOptions_OfAFieldInsideAVariantOption_NameTheChooserAndTheOption()
    {
        FieldNames.ChosenOptions("auth@1.token").ShouldBe([("auth@", "1")]);
        FieldNames.ChosenOptions("servers[0].auth@2.x@0.y").ShouldBe([("servers[0].auth@", "2"), ("servers[0].auth@2.x@", "0")]);
        FieldNames.ChosenOptions("host").ShouldBeEmpty();
    }
}
