namespace Flows.Host.Tests.Forms;

/// <summary>
/// Where a string has both <c>format</c> and <c>pattern</c>, the page's input follows the pattern: the
/// browser must not block what the pattern allows.
/// </summary>
public sealed class FormatAndPatternTests
{
    private static FormSchema Load(string propertySchema) =>
        FormSchema.Load($$"""{ "type": "object", "properties": { "start_date": {{propertySchema}} } }""").Schema!;

    [Fact]
    public void DateFieldWithAPattern_IsATextInput_SoTheBrowserDoesNotBlockWhatThePatternAllows()
    {
        var withPattern = AccountForm.For("Source", Load("""{ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$" }"""));
        var withoutPattern = AccountForm.For("Source", Load("""{ "type": "string", "format": "date" }"""));

        FormMarkup.Fields(withPattern).ShouldContain("<input type=\"text\" id=\"f-start_005fdate\" name=\"start_date\"");
        FormMarkup.Fields(withoutPattern).ShouldContain("<input type=\"date\" id=\"f-start_005fdate\" name=\"start_date\"");
    }
}
