namespace Flows.Forms.AspNetCore.Tests;

/// <summary>FormSecrets.Masked: what a page may show of an instance.</summary>
public sealed class MaskingSecretsTests
{
    // Secrets at the top, in a group, in list rows (objects and plain values), in a variant held in
    // its own object, in the root's own variant (inline), and in a variant that is a list's row.
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "name": { "type": "string" },
            "token": { "type": "string", "writeOnly": true },
            "proxy": { "type": "object", "properties": {
              "host": { "type": "string" },
              "password": { "type": "string", "airbyte_secret": true },
              "login": { "type": "object", "properties": { "user": { "type": "string" }, "pin": { "type": "string", "format": "password" } } } } },
            "servers": { "type": "array", "items": { "type": "object", "properties": {
              "host": { "type": "string" },
              "key": { "type": "string", "writeOnly": true } } } },
            "keys": { "type": "array", "items": { "type": "string", "writeOnly": true } },
            "auth": { "oneOf": [
              { "title": "None", "properties": { "method": { "const": "none" } } },
              { "title": "Token", "properties": { "method": { "const": "token" }, "secret": { "type": "string", "writeOnly": true } } } ] },
            "hooks": { "type": "array", "items": { "oneOf": [
              { "title": "Web", "properties": { "kind": { "const": "web" }, "url": { "type": "string" }, "signing": { "type": "string", "writeOnly": true } } },
              { "title": "Mail", "properties": { "kind": { "const": "mail" }, "to": { "type": "string" } } } ] } }
          },
          "oneOf": [
            { "title": "Basic", "properties": { "mode": { "const": "basic" }, "apiKey": { "type": "string", "writeOnly": true } } },
            { "title": "Other", "properties": { "mode": { "const": "other" } } } ]
        }
        """;

    private static FormModel Model()
    {
        var loaded = FormSchema.Load(Schema);
        loaded.Errors.ShouldBeEmpty();
        return loaded.Schema!.Model;
    }

    private static JsonObject Instance() => JsonNode.Parse("""
        {
          "name": "orders",
          "token": "t-1",
          "proxy": { "host": "proxy.local", "password": "p-2", "login": { "user": "ann", "pin": "p-3" } },
          "servers": [ { "host": "a", "key": "k-4" }, { "host": "b" }, { "host": "c", "key": "k-5" } ],
          "keys": [ "k-6", "k-7" ],
          "auth": { "method": "token", "secret": "s-8" },
          "hooks": [ { "kind": "web", "url": "https://hook", "signing": "s-9" }, { "kind": "mail", "to": "ops@example.org" } ],
          "mode": "basic",
          "apiKey": "a-10"
        }
        """)!.AsObject();

    [Fact]
    public void Every_secret_is_masked_at_any_depth_and_everything_else_is_unchanged()
    {
        var masked = FormSecrets.Masked(Model(), Instance());

        var mask = FormSecrets.Mask;
        var expected = JsonNode.Parse($$"""
            {
              "name": "orders",
              "token": "{{mask}}",
              "proxy": { "host": "proxy.local", "password": "{{mask}}", "login": { "user": "ann", "pin": "{{mask}}" } },
              "servers": [ { "host": "a", "key": "{{mask}}" }, { "host": "b" }, { "host": "c", "key": "{{mask}}" } ],
              "keys": [ "{{mask}}", "{{mask}}" ],
              "auth": { "method": "token", "secret": "{{mask}}" },
              "hooks": [ { "kind": "web", "url": "https://hook", "signing": "{{mask}}" }, { "kind": "mail", "to": "ops@example.org" } ],
              "mode": "basic",
              "apiKey": "{{mask}}"
            }
            """);
        JsonNode.DeepEquals(masked, expected).ShouldBeTrue(masked.ToJsonString());
    }

    [Fact]
    public void No_secret_value_is_left_anywhere_in_the_masked_copy()
    {
        var text = FormSecrets.Masked(Model(), Instance()).ToJsonString();

        foreach (var secret in new[] { "t-1", "p-2", "p-3", "k-4", "k-5", "k-6", "k-7", "s-8", "s-9", "a-10" })
        {
            text.ShouldNotContain($"\"{secret}\"");
        }
    }

    [Fact]
    public void The_instance_given_is_not_modified()
    {
        var instance = Instance();

        FormSecrets.Masked(Model(), instance);

        JsonNode.DeepEquals(instance, Instance()).ShouldBeTrue(instance.ToJsonString());
    }

    [Fact]
    public void A_secret_the_instance_does_not_hold_is_not_added()
    {
        var instance = JsonNode.Parse("""{ "name": "orders", "servers": [ { "host": "a" } ], "auth": { "method": "none" } }""")!.AsObject();

        var masked = FormSecrets.Masked(Model(), instance);

        JsonNode.DeepEquals(masked, instance).ShouldBeTrue(masked.ToJsonString());
    }

    [Fact]
    public void Values_not_shaped_as_the_schema_says_are_left_as_they_are_rather_than_failing()
    {
        var instance = JsonNode.Parse("""{ "proxy": "not an object", "servers": { "not": "rows" }, "keys": [ null ], "auth": 7 }""")!.AsObject();

        var masked = FormSecrets.Masked(Model(), instance);

        JsonNode.DeepEquals(masked, instance).ShouldBeTrue(masked.ToJsonString());
    }

    [Fact]
    public void A_secret_inside_a_field_edited_as_JSON_is_masked_too()
    {
        var loaded = FormSchema.Load("""
            { "type": "object", "properties": { "tree": { "$ref": "#/$defs/node" } },
              "$defs": { "node": { "type": "object", "properties": { "pin": { "type": "string", "writeOnly": true }, "child": { "$ref": "#/$defs/node" } } } } }
            """);
        loaded.Errors.ShouldBeEmpty();
        var instance = JsonNode.Parse("""{ "tree": { "pin": "p-1", "child": { "pin": "p-2" } } }""")!.AsObject();

        var text = FormSecrets.Masked(loaded.Schema!.Model, instance).ToJsonString();

        text.ShouldNotContain("p-1");
        text.ShouldNotContain("p-2");
    }

    [Fact]
    public void A_form_edited_as_one_JSON_text_with_a_secret_inside_shows_none_of_it()
    {
        // patternProperties at the root: the whole form is one JSON text.
        var loaded = FormSchema.Load("""
            { "type": "object", "patternProperties": { "^x-": { "type": "string" } }, "properties": { "token": { "type": "string", "writeOnly": true } } }
            """);
        loaded.Errors.ShouldBeEmpty();
        var model = loaded.Schema!.Model;
        model.Fields.ShouldHaveSingleItem().Path.ShouldBe(FormPath.WholeDocument);
        var instance = JsonNode.Parse("""{ "token": "t-1", "x-note": "n-1" }""")!.AsObject();

        FormSecrets.Masked(model, instance).ToJsonString().ShouldNotContain("t-1");
        string.Join(" ", FormBinder.Unbind(model, instance).Names.SelectMany(FormBinder.Unbind(model, instance).All)).ShouldNotContain("t-1");
    }
}
