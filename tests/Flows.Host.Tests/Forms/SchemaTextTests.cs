namespace Flows.Host.Tests.Forms;

/// <summary>Schema text that is not quite JSON fails <c>forms check</c> in words, never with an exception.</summary>
public sealed class SchemaTextTests
{
    [Fact]
    public void FormsCheck_OnAPropertyNameWithHalfAUnicodeCharacter_FailsInWords()
    {
        var report = FormCheck.Run("""{ "type": "object", "properties": { "a\udf89": { "type": "string" } } }""", "odd.schema.json");

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldHaveSingleItem().ShouldContain("lone surrogate");
    }
}
