namespace Flows.Forms.Tests.Building;

/// <summary>Schema text that is not quite JSON is refused in words, never with an exception.</summary>
public sealed class SchemaTextTests
{
    [Fact]
    public void APropertyNameWithHalfAUnicodeCharacter_IsRefusedInWords()
    {
        var built = SchemaFormBuilder.Build("""{ "type": "object", "properties": { "a\udf89": { "type": "string" }, "b": { "type": "string" } } }""");

        built.Model.ShouldBeNull();
        built.Errors.ShouldHaveSingleItem().ShouldContain("lone surrogate");
    }
}
