using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.UiSchema;

public class UiOrderTests
{
    private const string Schema = """
        { "type": "object", "properties": { "a": { "type": "string" }, "b": { "type": "string" }, "c": { "type": "string" }, "d": { "type": "string" } } }
        """;

    private static IEnumerable<string> Order(string uiSchema) => TestForm.Model(Schema, uiSchema).Fields.Select(f => f.Name);

    [Fact]
    public void Ui_order_puts_the_listed_fields_in_that_order() =>
        Order("""{ "ui:order": ["d", "c", "b", "a"] }""").ShouldBe(["d", "c", "b", "a"]);

    [Fact]
    public void The_star_stands_for_every_field_not_listed_in_schema_order() =>
        Order("""{ "ui:order": ["c", "*", "a"] }""").ShouldBe(["c", "b", "d", "a"]);

    [Fact]
    public void Ui_order_orders_the_fields_of_a_nested_object()
    {
        const string nested = """{ "type": "object", "properties": { "inner": { "type": "object", "properties": { "x": { "type": "string" }, "y": { "type": "string" } } } } }""";

        TestForm.Model(nested, """{ "inner": { "ui:order": ["y", "x"] } }""").Field("inner").Fields.Select(f => f.Name).ShouldBe(["y", "x"]);
    }

    [Fact]
    public void A_name_the_schema_lacks_is_skipped_with_a_note_where_rjsf_would_throw()
    {
        var model = TestForm.Model(Schema, """{ "ui:order": ["b", "nope", "*"] }""");

        model.Fields.Select(f => f.Name).ShouldBe(["b", "a", "c", "d"]);
        model.Notes.ShouldHaveSingleItem().ShouldBe("The uiSchema's \"ui:order\" at the top level of the uiSchema names 'nope', which the schema does not define there; it is skipped.");
    }

    [Fact]
    public void Fields_left_unlisted_without_a_star_follow_the_listed_ones_with_a_note()
    {
        var model = TestForm.Model(Schema, """{ "ui:order": ["c", "a"] }""");

        model.Fields.Select(f => f.Name).ShouldBe(["c", "a", "b", "d"]);
        model.Notes.ShouldHaveSingleItem().ShouldContain("does not list 'b', 'd' and has no \"*\"");
    }
}
