namespace Flows.Forms.Tests.Binding;

/// <summary>Lists of a real connector spec's shape: rows left blank, rows filled in, items with a pattern.</summary>
public sealed class ListBindingTests
{
    // Shaped like the "Table Filters" of published database source specs.
    private static FormSchema TableFilters(bool required) => FormSchema.Load($$"""
        { "type": "object", {{(required ? "\"required\": [\"table_filters\"]," : string.Empty)}}
          "properties": {
            "table_filters": { "title": "Table Filters", "type": "array", {{(required ? "\"minItems\": 1," : string.Empty)}}
              "items": { "type": "object", "required": ["database_name"], "properties": {
                "database_name": { "title": "Database Name", "type": "string" },
                "include_views": { "title": "Include Views", "type": "boolean" },
                "method": { "title": "Method", "oneOf": [
                  { "title": "Standard", "properties": { "method": { "const": "Standard" } } },
                  { "title": "Custom", "properties": { "method": { "const": "Custom" }, "query": { "type": "string" } } } ] } } } } } }
        """).Schema!;

    private static FormValues BlankRow(FormValues values, int row) => values
        .Add($"table_filters[{row}].database_name", string.Empty)
        .Add($"table_filters[{row}].include_views", "false")
        .Add($"table_filters[{row}].method@", "0");

    [Fact]
    public void ABlankRowOfAnOptionalList_IsDroppedAndNotChecked()
    {
        var submission = TableFilters(required: false).Submit(BlankRow(new FormValues(), 0));

        submission.Errors.All().ShouldBeEmpty();
        submission.Instance.ContainsKey("table_filters").ShouldBeFalse();
    }

    [Fact]
    public void ABlankRowNextToAFilledOne_IsDropped_AndTheFilledOneKept()
    {
        var values = BlankRow(new FormValues(), 0).Add("table_filters[1].database_name", "sales").Add("table_filters[1].include_views", "true");

        var submission = TableFilters(required: false).Submit(BlankRow(values, 2));

        submission.Errors.All().ShouldBeEmpty();
        submission.Instance["table_filters"]!.ToJsonString().ShouldBe("""[{"database_name":"sales","include_views":true}]""");
    }

    [Fact]
    public void ARowWithOnlyATickedBox_IsAnEntry_AndItsRequiredFieldIsAskedFor()
    {
        var values = new FormValues().Add("table_filters[0].database_name", string.Empty).Add("table_filters[0].include_views", "true");

        var submission = TableFilters(required: false).Submit(values);

        submission.Errors.Fields["table_filters[0].database_name"].ShouldBe(["Database Name is required."]);
    }

    [Fact]
    public void ASavedEntryThatLooksBlank_IsKeptWhenTheFormIsSavedAgain()
    {
        var schema = FormSchema.Load("""
            { "type": "object", "properties": { "flags": { "type": "array",
              "items": { "type": "object", "properties": { "on": { "type": "boolean" }, "note": { "type": "string" } } } } } }
            """).Schema!;
        var saved = new JsonObject { ["flags"] = new JsonArray(new JsonObject { ["on"] = false }) };

        var submission = schema.Submit(FormBinder.Unbind(schema.Model, saved));

        submission.Instance.ToJsonString().ShouldBe("""{"flags":[{"on":false}]}""");
    }

    [Fact]
    public void ABlankRowOfARequiredList_IsStillChecked()
    {
        var submission = TableFilters(required: true).Submit(BlankRow(new FormValues(), 0));

        submission.Errors.Fields["table_filters[0].database_name"].ShouldBe(["Database Name is required."]);
    }

    [Fact]
    public void AnItemNotMatchingItsPattern_SaysWhatTheListDescribes()
    {
        var schema = FormSchema.Load("""
            { "type": "object", "properties": { "schemas": { "title": "Schemas", "type": "array",
              "items": { "type": "string", "pattern": "^[a-z_]+$" }, "pattern_descriptor": "lower-case names, such as public" } } }
            """).Schema!;

        var submission = schema.Submit(new FormValues().Add("schemas[0]", "Bad Name"));

        submission.Errors.Fields["schemas[0]"].ShouldBe(["Item is not in the expected form (lower-case names, such as public)."]);
    }
}
