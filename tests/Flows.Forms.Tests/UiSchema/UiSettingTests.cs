using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.UiSchema;

public class UiSettingTests
{
    private const string Person = """
        {
          "type": "object",
          "title": "Person",
          "properties": {
            "name": { "type": "string", "title": "Name", "description": "As written in the passport" },
            "kind": { "enum": ["a", "b", "c"] },
            "tags": { "type": "array", "items": { "type": "string" } },
            "address": { "type": "object", "properties": { "street": { "type": "string" }, "city": { "type": "string" } } }
          }
        }
        """;

    [Fact]
    public void Ui_help_becomes_the_hint_below_the_input() =>
        TestForm.Model(Person, """{ "name": { "ui:help": "Hint: as on the card" } }""").Field("name").Hint.ShouldBe("Hint: as on the card");

    [Fact]
    public void Ui_placeholder_is_shown_in_the_empty_input() =>
        TestForm.Model(Person, """{ "name": { "ui:placeholder": "Ada Lovelace" } }""").Field("name").Placeholder.ShouldBe("Ada Lovelace");

    [Fact]
    public void Ui_title_replaces_the_schema_title() =>
        TestForm.Model(Person, """{ "name": { "ui:title": "Full name" } }""").Field("name").Title.ShouldBe("Full name");

    [Fact]
    public void Ui_description_replaces_the_schema_description() =>
        TestForm.Model(Person, """{ "name": { "ui:description": "Given and family name" } }""").Field("name").Help.ShouldBe("Given and family name");

    [Fact]
    public void Ui_title_and_ui_description_at_the_top_level_name_the_form()
    {
        var model = TestForm.Model(Person, """{ "ui:title": "Someone", "ui:description": "Who they are" }""");

        model.Title.ShouldBe("Someone");
        model.Description.ShouldBe("Who they are");
    }

    [Fact]
    public void Ui_disabled_disables_the_field() =>
        TestForm.Model(Person, """{ "name": { "ui:disabled": true } }""").Field("name").Disabled.ShouldBeTrue();

    [Fact]
    public void Ui_disabled_on_a_group_disables_everything_inside_it() =>
        TestForm.Model(Person, """{ "address": { "ui:disabled": true } }""").Field("address.city").Disabled.ShouldBeTrue();

    [Fact]
    public void Ui_readonly_makes_the_field_read_only() =>
        TestForm.Model(Person, """{ "name": { "ui:readonly": true } }""").Field("name").ReadOnly.ShouldBeTrue();

    [Fact]
    public void Ui_enumNames_label_the_choices_in_order() =>
        TestForm.Model(Person, """{ "kind": { "ui:enumNames": ["Alpha", "Beta"] } }""").Field("kind").Options
            .Select(o => o.Label).ShouldBe(["Alpha", "Beta", "c"]);

    [Fact]
    public void Ui_options_addable_and_removable_say_whether_rows_can_be_added_and_removed()
    {
        var tags = TestForm.Model(Person, """{ "tags": { "ui:options": { "addable": false, "removable": false } } }""").Field("tags");

        tags.Addable.ShouldBeFalse();
        tags.Removable.ShouldBeFalse();
    }

    [Fact]
    public void Ui_options_orderable_says_that_rows_cannot_be_reordered_here()
    {
        var model = TestForm.Model(Person, """{ "tags": { "ui:options": { "orderable": true } } }""");

        model.Notes.ShouldHaveSingleItem().ShouldContain("rows cannot be reordered");
    }

    [Fact]
    public void Ui_options_orderable_false_is_what_this_form_does_anyway_and_needs_no_note() =>
        TestForm.Model(Person, """{ "tags": { "ui:options": { "orderable": false } } }""").Notes.ShouldBeEmpty();

    [Fact]
    public void Any_ui_key_may_be_given_inside_ui_options_without_its_prefix()
    {
        var name = TestForm.Model(Person, """{ "name": { "ui:options": { "widget": "textarea", "help": "Inside options", "title": "Called" } } }""").Field("name");

        name.Format.ShouldBe(TextFormat.Multiline);
        name.Hint.ShouldBe("Inside options");
        name.Title.ShouldBe("Called");
    }

    [Fact]
    public void A_key_written_directly_wins_over_the_same_key_in_ui_options() =>
        TestForm.Model(Person, """{ "name": { "ui:title": "Direct", "ui:options": { "title": "Optional" } } }""").Field("name").Title.ShouldBe("Direct");

    [Fact]
    public void Items_sets_the_ui_of_every_row_of_a_list() =>
        TestForm.Model(Person, """{ "tags": { "items": { "ui:placeholder": "a tag" } } }""").Field("tags[]").Placeholder.ShouldBe("a tag");

    [Fact]
    public void Nested_objects_are_reached_by_their_property_names() =>
        TestForm.Model(Person, """{ "address": { "city": { "ui:help": "Where you live" } } }""").Field("address.city").Hint.ShouldBe("Where you live");

    [Fact]
    public void The_ui_of_an_alternatives_fields_is_written_at_the_level_of_the_object_that_has_them()
    {
        const string schema = """
            {
              "type": "object",
              "properties": { "age": { "type": "integer" } },
              "oneOf": [
                { "title": "By name", "properties": { "firstName": { "type": "string" } } },
                { "title": "By code", "properties": { "idCode": { "type": "string" } } }
              ]
            }
            """;

        var model = TestForm.Model(schema, """{ "idCode": { "ui:widget": "password" }, "firstName": { "ui:title": "Given name" } }""");

        model.AllFields().Single(f => f.Name == "idCode").Secret.ShouldBeTrue();
        model.AllFields().Single(f => f.Name == "firstName").Title.ShouldBe("Given name");
        model.Notes.ShouldBeEmpty();
    }
}
