using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.UiSchema;

public class UiNoteTests
{
    private const string Schema = """{ "type": "object", "properties": { "name": { "type": "string" }, "tags": { "type": "array", "items": { "type": "string" } } } }""";

    [Theory]
    [InlineData("""{ "name": { "ui:field": "geo" } }""", "\"ui:field\" at /name of the uiSchema is ignored: custom field components cannot be drawn here.")]
    [InlineData("""{ "name": { "ui:classNames": "wide" } }""", "\"ui:classNames\" at /name of the uiSchema is ignored: the form is drawn with the host's own styles.")]
    [InlineData("""{ "ui:rootFieldId": "myform" }""", "\"ui:rootFieldId\" at the top level of the uiSchema is ignored: input ids are made by the host.")]
    [InlineData("""{ "name": { "ui:emptyValue": "" } }""", "\"ui:emptyValue\" at /name of the uiSchema is ignored: an empty input is always left out of the saved values.")]
    [InlineData("""{ "name": { "ui:options": { "inputType": "tel" } } }""", "\"inputType\" in ui:options at /name of the uiSchema is ignored: the input follows the field's type and format.")]
    [InlineData("""{ "name": { "ui:sparkles": true } }""", "\"ui:sparkles\" at /name of the uiSchema is ignored: it is not part of the uiSchema subset this form supports.")]
    public void A_key_the_form_cannot_use_is_ignored_in_one_sentence_saying_where_and_why(string uiSchema, string note)
    {
        var model = TestForm.Model(Schema, uiSchema);

        model.Notes.ShouldHaveSingleItem().ShouldBe("The uiSchema's " + note);
        model.Field("name").Widget.ShouldBe(FieldWidget.Default);
    }

    [Fact]
    public void An_entry_for_a_property_the_schema_lacks_is_ignored_with_a_note() =>
        TestForm.Model(Schema, """{ "date": { "ui:widget": "alt-datetime" } }""").Notes
            .ShouldHaveSingleItem().ShouldBe("The uiSchema's \"date\" at the top level of the uiSchema names no field of the form; it is ignored.");

    [Fact]
    public void A_widget_given_as_a_component_rather_than_a_name_is_ignored_with_a_note() =>
        TestForm.Model(Schema, """{ "name": { "ui:widget": { "component": "x" } } }""").Notes
            .ShouldHaveSingleItem().ShouldContain("it is not a widget name");

    [Fact]
    public void A_setting_of_the_wrong_type_is_ignored_with_a_note()
    {
        var model = TestForm.Model(Schema, """{ "name": { "ui:disabled": "yes" } }""");

        model.Field("name").Disabled.ShouldBeFalse();
        model.Notes.ShouldHaveSingleItem().ShouldContain("it must be true or false");
    }

    [Fact]
    public void A_per_position_items_list_is_ignored_with_a_note() =>
        TestForm.Model(Schema, """{ "tags": { "items": [{ "ui:widget": "textarea" }] } }""").Notes
            .ShouldHaveSingleItem().ShouldContain("the rows of a list are set under \"items\", as one object");

    [Fact]
    public void Row_settings_on_a_list_edited_as_JSON_say_that_it_is_edited_as_JSON()
    {
        const string tuple = """{ "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": { "pair": { "type": "array", "items": [{ "type": "string" }, { "type": "number" }] } } }""";

        TestForm.Model(tuple, """{ "pair": { "ui:options": { "addable": false } } }""").Notes
            .ShouldContain("The uiSchema's \"addable\" in ui:options at /pair of the uiSchema is ignored: 'Pair' is edited as JSON.");
    }

    [Fact]
    public void An_empty_uiSchema_changes_nothing() =>
        TestForm.Model(Schema, "{}").ShouldSatisfyAllConditions(
            m => m.Notes.ShouldBeEmpty(),
            m => m.Fields.Select(f => f.Name).ShouldBe(["name", "tags"]));

    [Theory]
    [InlineData("{ not json", "The uiSchema is not valid JSON (line 1).")]
    [InlineData("[1, 2]", "The uiSchema must be a JSON object (property names to their ui: settings), not an array.")]
    [InlineData("\"ui:order\"", "The uiSchema must be a JSON object (property names to their ui: settings), not a string.")]
    public void A_uiSchema_that_is_not_a_JSON_object_is_refused_in_words(string uiSchema, string error)
    {
        var result = FormSchema.Load(Schema, uiSchema);

        result.Schema.ShouldBeNull();
        result.Errors.ShouldBe([error]);
    }

    [Fact]
    public void The_builder_takes_the_uiSchema_too() =>
        SchemaFormBuilder.Build(Schema, """{ "name": { "ui:title": "Called" } }""").Model!.Field("name").Title.ShouldBe("Called");
}
