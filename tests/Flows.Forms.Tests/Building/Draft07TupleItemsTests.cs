namespace Flows.Forms.Tests.Building;

/// <summary>Draft-07 tuple items (<c>items</c> as an array), in either spelling of the draft-07 <c>$schema</c>.</summary>
public sealed class Draft07TupleItemsTests
{
    [Theory]
    [InlineData("http://json-schema.org/draft-07/schema#")]
    [InlineData("https://json-schema.org/draft-07/schema")]
    public void Draft07TupleItems_AreValidatedOnePositionAtATime(string dialect)
    {
        var loaded = FormSchema.Load($$"""
            { "$schema": "{{dialect}}", "type": "object",
              "properties": { "range": { "type": "array", "items": [ { "type": "string" }, { "type": "integer" } ], "additionalItems": false } } }
            """);

        var schema = loaded.Schema.ShouldNotBeNull(string.Join("; ", loaded.Errors));
        schema.Validate(new JsonObject { ["range"] = new JsonArray("from", 10) }).IsEmpty.ShouldBeTrue();
        schema.Validate(new JsonObject { ["range"] = new JsonArray(10, "from") }).IsEmpty.ShouldBeFalse();
        schema.Validate(new JsonObject { ["range"] = new JsonArray("from", 10, "extra") }).IsEmpty.ShouldBeFalse();
    }
}
