using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.UiSchema;

public class UiWidgetTests
{
    private static FormField With(string propertySchema, string widget) =>
        TestForm.Model(TestForm.OneProperty("x", propertySchema), $$"""{ "x": { "ui:widget": "{{widget}}" } }""").Field("x");

    [Fact]
    public void Textarea_makes_a_text_multiline() =>
        With("""{ "type": "string" }""", "textarea").Format.ShouldBe(TextFormat.Multiline);

    [Fact]
    public void Text_makes_a_multiline_text_a_single_line_again() =>
        TestForm.Model(TestForm.OneProperty("x", """{ "type": "string", "x-multiline": true }"""), """{ "x": { "ui:widget": "text" } }""")
            .Field("x").Format.ShouldBe(TextFormat.Plain);

    [Fact]
    public void Password_makes_a_text_a_secret() =>
        With("""{ "type": "string" }""", "password").Secret.ShouldBeTrue();

    [Fact]
    public void Hidden_hides_the_field() =>
        With("""{ "type": "string", "default": "kept" }""", "hidden").Hidden.ShouldBeTrue();

    [Theory]
    [InlineData("date", TextFormat.Date)]
    [InlineData("datetime", TextFormat.DateTime)]
    [InlineData("time", TextFormat.Time)]
    [InlineData("email", TextFormat.Email)]
    [InlineData("uri", TextFormat.Uri)]
    [InlineData("alt-date", TextFormat.Date)]
    [InlineData("DateWidget", TextFormat.Date)]
    public void A_format_widget_sets_the_text_format(string widget, TextFormat format) =>
        With("""{ "type": "string" }""", widget).Format.ShouldBe(format);

    [Fact]
    public void Updown_keeps_the_usual_number_box() =>
        With("""{ "type": "integer" }""", "updown").Widget.ShouldBe(FieldWidget.Default);

    [Fact]
    public void Range_draws_a_number_as_a_slider() =>
        With("""{ "type": "integer", "minimum": 0, "maximum": 10 }""", "range").Widget.ShouldBe(FieldWidget.Range);

    [Theory]
    [InlineData("""{ "enum": ["a", "b"] }""")]
    [InlineData("""{ "type": "boolean" }""")]
    public void Radio_draws_a_choice_or_a_yes_no_as_radio_buttons(string schema) =>
        With(schema, "radio").Widget.ShouldBe(FieldWidget.Radio);

    [Fact]
    public void Select_draws_a_yes_no_as_a_drop_down_list() =>
        With("""{ "type": "boolean" }""", "select").Widget.ShouldBe(FieldWidget.Select);

    [Fact]
    public void Select_keeps_a_choice_as_its_usual_drop_down_list() =>
        With("""{ "enum": ["a", "b"] }""", "select").Widget.ShouldBe(FieldWidget.Default);

    [Fact]
    public void Checkbox_keeps_a_yes_no_as_a_checkbox() =>
        With("""{ "type": "boolean" }""", "checkbox").Widget.ShouldBe(FieldWidget.Default);

    [Fact]
    public void Checkboxes_draws_a_set_of_choices_as_one_checkbox_per_choice() =>
        With("""{ "type": "array", "uniqueItems": true, "items": { "enum": ["a", "b"] } }""", "checkboxes").Widget.ShouldBe(FieldWidget.Checkboxes);

    [Fact]
    public void Color_draws_a_text_as_a_colour_picker() =>
        With("""{ "type": "string" }""", "color").Widget.ShouldBe(FieldWidget.Color);

    [Theory]
    [InlineData("RadioWidget", FieldWidget.Radio)]
    [InlineData("SelectWidget", FieldWidget.Select)]
    [InlineData("CheckboxWidget", FieldWidget.Default)]
    public void A_registry_name_means_the_same_widget(string widget, FieldWidget expected) =>
        With("""{ "type": "boolean" }""", widget).Widget.ShouldBe(expected);

    [Fact]
    public void CheckboxesWidget_is_checkboxes() =>
        With("""{ "type": "array", "uniqueItems": true, "items": { "enum": ["a", "b"] } }""", "CheckboxesWidget").Widget.ShouldBe(FieldWidget.Checkboxes);

    [Fact]
    public void TextareaWidget_is_textarea() =>
        With("""{ "type": "string" }""", "TextareaWidget").Format.ShouldBe(TextFormat.Multiline);

    [Fact]
    public void A_widget_that_does_not_fit_the_field_leaves_it_as_it_is_and_says_so()
    {
        var model = TestForm.Model(TestForm.OneProperty("x", """{ "type": "string" }"""), """{ "x": { "ui:widget": "range" } }""");

        model.Field("x").Widget.ShouldBe(FieldWidget.Default);
        model.Notes.ShouldHaveSingleItem().ShouldContain("\"range\" does not fit a text field");
    }

    [Fact]
    public void A_custom_widget_name_uses_the_default_input_and_says_so()
    {
        var model = TestForm.Model(TestForm.OneProperty("x", """{ "type": "string" }"""), """{ "x": { "ui:widget": "geoPicker" } }""");

        model.Field("x").ShouldSatisfyAllConditions(
            f => f.Widget.ShouldBe(FieldWidget.Default),
            f => f.Format.ShouldBe(TextFormat.Plain),
            f => f.Secret.ShouldBeFalse());
        model.Notes.ShouldHaveSingleItem().ShouldBe("The uiSchema's \"ui:widget\" at /x of the uiSchema is ignored: \"geoPicker\" is not one of rjsf's built-in widgets (custom widgets cannot be drawn here); the default input is used.");
    }
}
