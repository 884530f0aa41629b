namespace Flows.Forms.Tests.Building;

/// <summary>
/// Where a string has both <c>format</c> and <c>pattern</c>, the pattern decides what is valid (as
/// published connector specs mean it) and the format only picks the input; a format alone is asserted.
/// </summary>
public sealed class FormatAndPatternTests
{
    private const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?$";

    private static FormSchema Load(string propertySchema) =>
        FormSchema.Load($$"""{ "type": "object", "properties": { "start_date": {{propertySchema}} } }""").Schema!;

    private static readonly string DateTimeWithPattern = $$"""{ "title": "Start date", "type": "string", "format": "date-time", "pattern": "{{DatePattern}}" }""";

    [Fact]
    public void DateTimeWhosePatternAllowsADate_AcceptsTheSpecsOwnExample()
    {
        var errors = Load(DateTimeWithPattern).Validate(new JsonObject { ["start_date"] = "2021-07-25" });

        errors.IsEmpty.ShouldBeTrue(string.Join(" ", errors.Fields.SelectMany(f => f.Value).Concat(errors.Form)));
    }

    [Fact]
    public void DateTimeWhosePatternAllowsADate_PostedThroughTheForm_IsAccepted()
    {
        var submission = Load(DateTimeWithPattern).Submit(new FormValues().Add("start_date", "2021-07-25"));

        submission.IsValid.ShouldBeTrue();
        submission.Instance["start_date"]!.GetValue<string>().ShouldBe("2021-07-25");
    }

    [Fact]
    public void FormatAndPattern_ThePatternDecides_AValidDateTimeOutsideThePatternIsRefused()
    {
        var errors = Load(DateTimeWithPattern).Validate(new JsonObject { ["start_date"] = "2021-07-25T09:30:00+02:00" });

        errors.Fields.ShouldContainKey("start_date");
    }

    [Fact]
    public void FormatWithoutAPattern_IsStillAsserted()
    {
        var errors = Load("""{ "title": "Start date", "type": "string", "format": "date-time" }""").Validate(new JsonObject { ["start_date"] = "2021-07-25" });

        errors.Fields["start_date"].ShouldBe(["Start date must be a date and time (such as 2025-01-31T09:30:00Z)."]);
    }

    [Fact]
    public void FormatAndPattern_InsideAListOfObjectsAndAVariant_ThePatternDecidesThereToo()
    {
        var schema = FormSchema.Load($$"""
            { "type": "object", "properties": {
                "streams": { "type": "array", "items": { "type": "object", "properties": { "since": {{DateTimeWithPattern}} } } },
                "mode": { "oneOf": [
                    { "title": "Incremental", "type": "object", "properties": { "method": { "const": "incremental" }, "since": {{DateTimeWithPattern}} } },
                    { "title": "Full", "type": "object", "properties": { "method": { "const": "full" } } } ] } } }
            """).Schema!;

        var errors = schema.Validate(new JsonObject
        {
            ["streams"] = new JsonArray(new JsonObject { ["since"] = "2021-07-25" }),
            ["mode"] = new JsonObject { ["method"] = "incremental", ["since"] = "2021-07-25" },
        });

        errors.IsEmpty.ShouldBeTrue(string.Join(" ", errors.Fields.SelectMany(f => f.Value).Concat(errors.Form)));
    }

    [Fact]
    public void PropertiesNamedPatternAndFormat_AreFieldsNotKeywords_AndTheirOwnFormatsStayAsserted()
    {
        var schema = FormSchema.Load("""
            { "type": "object", "properties": {
                "pattern": { "type": "string" },
                "format": { "title": "Format", "type": "string", "format": "date" } } }
            """).Schema!;

        var errors = schema.Validate(new JsonObject { ["pattern"] = "x", ["format"] = "not a date" });

        errors.Fields["format"].ShouldBe(["Format must be a date (YYYY-MM-DD)."]);
    }
}
