using Flows.Web.Api;

namespace Flows.Web.Tests.Api;

/// <summary>
/// The request's JSON values against a form with lists, a variant and secrets: wrong types and
/// unknown names are refused at their JSON Pointer, a null secret becomes "clear it", and the form's
/// own errors come back as pointers into the request body.
/// </summary>
public sealed class AccountValuesTests
{
    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["servers", "auth"],
          "properties": {
            "servers": {
              "title": "Servers",
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["host"],
                "properties": {
                  "host": { "title": "Host", "type": "string" },
                  "port": { "title": "Port", "type": "integer" },
                  "password": { "title": "Password", "type": "string", "writeOnly": true }
                }
              }
            },
            "auth": {
              "title": "Authentication",
              "oneOf": [
                {
                  "title": "Basic",
                  "type": "object",
                  "required": ["method", "user"],
                  "properties": { "method": { "const": "basic" }, "user": { "title": "User", "type": "string" } }
                },
                {
                  "title": "Token",
                  "type": "object",
                  "required": ["method", "token"],
                  "properties": { "method": { "const": "token" }, "token": { "title": "Token", "type": "string", "writeOnly": true } }
                }
              ]
            }
          }
        }
        """;

    private static readonly FormSchema Form = FormSchema.Load(Schema).Schema!;

    private static JsonObject Values(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Read_ValuesThatFit_PostsWhatAFormWouldAndBindsBackToTheSameValues()
    {
        var values = Values("""{"servers":[{"host":"a","port":8080,"password":"p"}],"auth":{"method":"token","token":"t"}}""");

        var (posted, errors) = AccountValues.Read(Form.Model, values);

        errors.ShouldBeEmpty();
        var submission = Form.Submit(posted!);
        submission.Errors.IsEmpty.ShouldBeTrue(string.Join("; ", submission.Errors.All()));
        JsonNode.DeepEquals(submission.Instance, values).ShouldBeTrue(submission.Instance.ToJsonString());
    }

    [Fact]
    public void Read_WrongTypesAndUnknownNames_AreRefusedAtTheirPointers()
    {
        var values = Values("""{"servers":[{"host":"a"},{"host":1,"port":"80","colour":"red"}],"auth":{"method":"token","token":5},"extra":true}""");

        var (posted, errors) = AccountValues.Read(Form.Model, values);

        posted.ShouldBeNull();
        errors["/servers/1/host"].ShouldBe(["Host must be text."]);
        errors["/servers/1/port"].ShouldBe(["Port must be a whole number."]);
        errors["/servers/1/colour"].ShouldBe(["'colour' is not a field of this form. Its fields: host, port, password."]);
        errors["/auth/token"].ShouldBe(["Token must be text."]);
        errors["/extra"].ShouldBe(["'extra' is not a field of this form. Its fields: servers, auth."]);
        errors.Count.ShouldBe(5);
    }

    [Fact]
    public void Read_ANullSecretInAListRow_ClearsThatRowsStoredSecret()
    {
        var stored = Values("""{"servers":[{"host":"a","password":"old-a"},{"host":"b","password":"old-b"}],"auth":{"method":"basic","user":"u"}}""");
        var values = Values("""{"servers":[{"host":"a","password":null},{"host":"b"}],"auth":{"method":"basic","user":"u"}}""");

        var (posted, errors) = AccountValues.Read(Form.Model, values);

        errors.ShouldBeEmpty();
        var submission = Form.Submit(posted!, stored);
        submission.Errors.IsEmpty.ShouldBeTrue(string.Join("; ", submission.Errors.All()));
        submission.Instance["servers"]![0]!.AsObject().ContainsKey("password").ShouldBeFalse();
        submission.Instance["servers"]![1]!["password"]!.GetValue<string>().ShouldBe("old-b");
    }

    [Fact]
    public void FormErrors_ComeBackAsPointersIntoTheRequestBody()
    {
        var (posted, _) = AccountValues.Read(Form.Model, Values("""{"servers":[{"host":"a"},{"port":1}],"auth":{"method":"token"}}"""));

        var submission = Form.Submit(posted!);
        var errors = ErrorPointers.From(submission.Errors);

        errors.Keys.ShouldContain("/values/servers/1/host");
        errors.Keys.ShouldContain("/values/auth/token");
        errors.Keys.ShouldAllBe(k => k.StartsWith("/values/", StringComparison.Ordinal));
    }
}
