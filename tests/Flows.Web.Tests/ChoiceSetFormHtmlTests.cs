namespace Flows.Web.Tests;

/// <summary>
/// A list of distinct choices (an array of an enum's values with <c>uniqueItems</c>, as Airbyte's Amazon
/// Ads source has) is one checkbox per choice, bound like any list; without <c>uniqueItems</c> it stays rows.
/// </summary>
public sealed class ChoiceSetFormHtmlTests
{
    private const string Schema = """
        { "type": "object", "required": ["states"], "properties": {
            "states": { "title": "Campaign states", "type": "array", "minItems": 1, "uniqueItems": true,
              "items": { "type": "string", "enum": ["enabled", "paused", "archived"] } },
            "types": { "title": "Record types", "type": "array", "uniqueItems": true, "default": ["campaigns"],
              "items": { "type": "string", "enum": ["adGroups", "campaigns"] } },
            "tags": { "title": "Tags", "type": "array", "items": { "type": "string", "enum": ["red", "green"] } } } }
        """;

    private static AccountForm Form() => AccountForm.For("Report", FormSchema.Load(Schema).Schema!);

    [Fact]
    public void ADistinctListOfChoices_IsOneCheckboxPerChoice_NamedAsTheRowOfThatChoice()
    {
        var html = FormMarkup.Fields(Form());

        html.ShouldContain("<fieldset class=\"choice-set\" id=\"f-states\" data-list=\"states\" data-required><legend>Campaign states <span class=\"required\" aria-hidden=\"true\">*</span></legend>");
        html.ShouldContain("<label class=\"choice\"><input type=\"checkbox\" name=\"states[0]\" value=\"enabled\" /> enabled</label>");
        html.ShouldContain("<label class=\"choice\"><input type=\"checkbox\" name=\"states[2]\" value=\"archived\" /> archived</label>");
        html.ShouldNotContain("value=\"states\"", customMessage: "no Add a row button");
        html.ShouldContain("name=\"add-row\" value=\"tags\"", customMessage: "without uniqueItems the same enum stays rows");
    }

    [Fact]
    public void AFormJustOpened_TicksTheDefault_AndAPostOrAnAccountTicksWhatItHolds()
    {
        FormMarkup.Fields(Form()).ShouldContain("name=\"types[1]\" value=\"campaigns\" checked");

        var posted = new FormValues().Add("$label", "Ads").Add("states[2]", "archived");
        var html = FormMarkup.Fields(Form(), posted);

        html.ShouldContain("name=\"states[2]\" value=\"archived\" checked");
        html.ShouldNotContain("name=\"states[0]\" value=\"enabled\" checked");
        html.ShouldNotContain("value=\"campaigns\" checked", customMessage: "left unticked in a post, the default does not come back");

        var stored = FormBinder.Unbind(Form().Schema.Model, JsonNode.Parse("""{ "states": ["paused", "enabled"], "types": [] }""")!.AsObject());
        var edited = FormMarkup.Fields(Form(), stored.Add("$label", "Ads"));
        edited.ShouldContain("value=\"enabled\" checked");
        edited.ShouldContain("value=\"paused\" checked");
        edited.ShouldNotContain("value=\"archived\" checked");
    }

    [Fact]
    public void TickedBoxes_BindToTheChosenValuesInTheSchemasOrder_AndNoneTickedIsRequiredsMessageBesideTheSet()
    {
        var form = Form();
        var bound = FormBinder.Bind(form.Schema.Model, new FormValues().Add("states[0]", "enabled").Add("states[2]", "archived"));

        bound.Instance["states"]!.ToJsonString().ShouldBe("""["enabled","archived"]""");
        bound.Instance.ContainsKey("types").ShouldBeFalse();

        var refused = form.Schema.Submit(new FormValues());
        refused.Errors.Fields.ShouldContainKey("states");
        var html = FormMarkup.Fields(form, new FormValues().Add("$label", "Ads"), refused.Errors);
        html.ShouldContain("<fieldset class=\"choice-set\" id=\"f-states\" aria-describedby=\"f-states-error\"");
        html.ShouldContain("<p class=\"error\" id=\"f-states-error\" role=\"alert\">");
    }
}
