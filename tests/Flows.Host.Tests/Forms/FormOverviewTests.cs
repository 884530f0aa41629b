namespace Flows.Host.Tests.Forms;

/// <summary>What <c>forms check</c> tells an author users will see: hidden parts, sections, collapsed optional fields, help with markup.</summary>
public sealed class FormOverviewTests
{
    private const string Spec = """
    { "type": "object", "description": "Read <a href=\"https://docs.example.com\">the docs</a>.",
      "groups": [ { "id": "db", "title": "Database" }, { "id": "adv", "title": "Advanced" } ],
      "required": ["host", "format"],
      "properties": {
        "host": { "type": "string", "group": "db", "description": "The **host**." },
        "port": { "type": "integer", "group": "db", "always_show": true },
        "jdbc": { "type": "string", "group": "adv", "description": "Plain words." },
        "tunnel": { "type": "object", "group": "adv", "properties": { "user": { "type": "string" }, "key": { "type": "string" } } },
        "schema": { "type": "string", "airbyte_hidden": true, "default": "{}" },
        "format": { "type": "object", "oneOf": [
            { "title": "CSV", "description": "Uses [PyArrow](https://arrow.apache.org).", "properties": { "filetype": { "const": "csv" }, "delimiter": { "type": "string" } } },
            { "title": "Old", "x-hidden": true, "properties": { "filetype": { "const": "old" } } } ] } } }
    """;

    [Fact]
    public void TheOverview_ListsHiddenPartsSectionsCollapsedOptionalFieldsAndHelpWithMarkup()
    {
        var model = SchemaFormBuilder.Build(Spec).Model.ShouldNotBeNull();

        var seen = FormOverview.Of(model);

        seen.Hidden.ShouldBe(["schema", "format@1"]);
        seen.Sections.ShouldBe([new FormSection("Database", 2), new FormSection("Advanced", 2)]);

        // jdbc, tunnel (its fields are inside it) and the CSV delimiter; port is always shown.
        seen.CollapsedOptional.ShouldBe(3);
        seen.HelpWithMarkup.ShouldBe([FormOverview.TopLevel, "format@0", "host"], "ungrouped fields come first");
    }

    [Fact]
    public void FormsCheck_ReportsWhatUsersWillSee()
    {
        var report = FormCheck.Run(Spec);

        report.Passed.ShouldBeTrue(string.Join("; ", report.Problems));
        var seen = report.Seen.ShouldNotBeNull();
        seen.Hidden.ShouldContain("schema");
        report.Sample.ShouldNotBeNull()["schema"]!.GetValue<string>().ShouldBe("{}");
    }

    [Theory]
    [InlineData("""{ "type": "object", "required": ["host", "internal_id"], "properties": { "host": { "type": "string" }, "internal_id": { "title": "Internal id", "type": "string", "airbyte_hidden": true } } }""", "internal_id")]
    [InlineData("""{ "type": "object", "required": ["streams"], "properties": { "streams": { "type": "array", "minItems": 1, "items": { "type": "object", "required": ["name", "key"], "properties": { "name": { "type": "string" }, "key": { "type": "string", "x-hidden": true } } } } } }""", "streams[0].key")]
    public void FormsCheck_AHiddenPartTheSchemaRequiresWithoutADefault_IsRefusedWithWhyAndWhatToDo(string schema, string path)
    {
        var report = FormCheck.Run(schema);

        report.Passed.ShouldBeFalse();
        var problem = report.Problems.ShouldHaveSingleItem();
        problem.ShouldStartWith($"{path} is hidden but the schema still wants a value for it (");
        problem.ShouldEndWith("no one can fill it in, so every save would be refused. Give it a default that fits, or show it.");
    }
}
