using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.UiSchema;

public class UiBindingTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "name": { "type": "string" },
            "plan": { "type": "string", "default": "basic" },
            "tags": { "type": "array", "items": { "type": "string" } }
          }
        }
        """;

    [Fact]
    public void A_disabled_field_keeps_its_stored_value_whatever_is_posted()
    {
        var form = TestForm.Load(Schema, """{ "plan": { "ui:disabled": true } }""");

        var submitted = form.Submit(new FormValues().Add("plan", "premium"), new JsonObject { ["plan"] = "pro" });

        submitted.Instance["plan"]!.GetValue<string>().ShouldBe("pro");
    }

    [Fact]
    public void A_disabled_field_with_nothing_stored_holds_its_default_whatever_is_posted()
    {
        var form = TestForm.Load(Schema, """{ "plan": { "ui:disabled": true } }""");

        form.Submit(new FormValues().Add("plan", "premium")).Instance["plan"]!.GetValue<string>().ShouldBe("basic");
    }

    [Fact]
    public void A_disabled_field_without_a_default_or_stored_value_stays_empty()
    {
        var form = TestForm.Load(Schema, """{ "name": { "ui:disabled": true } }""");

        form.Submit(new FormValues().Add("name", "Mallory")).Instance.ContainsKey("name").ShouldBeFalse();
    }

    [Fact]
    public void A_field_that_is_not_disabled_takes_what_is_posted() =>
        TestForm.Load(Schema).Submit(new FormValues().Add("plan", "premium"), new JsonObject { ["plan"] = "pro" })
            .Instance["plan"]!.GetValue<string>().ShouldBe("premium");

    [Fact]
    public void A_ui_readonly_field_binds_as_a_schema_readOnly_one_does()
    {
        var byUi = TestForm.Load(Schema, """{ "plan": { "ui:readonly": true } }""");
        var bySchema = TestForm.Load(Schema.Replace("\"default\": \"basic\"", "\"default\": \"basic\", \"readOnly\": true", StringComparison.Ordinal));

        foreach (var values in new[] { new FormValues(), new FormValues().Add("plan", "premium") })
        {
            byUi.Submit(values).Instance.ToJsonString().ShouldBe(bySchema.Submit(values).Instance.ToJsonString());
        }
    }

    [Fact]
    public void A_list_rows_cannot_be_added_to_keeps_its_stored_rows()
    {
        var form = TestForm.Load(Schema, """{ "tags": { "ui:options": { "addable": false } } }""");
        var stored = new JsonObject { ["tags"] = new JsonArray("a", "b") };

        var submitted = form.Submit(new FormValues().Add("tags[0]", "a").Add("tags[1]", "b2"), stored);

        submitted.Instance["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["a", "b2"]);
    }

    [Fact]
    public void A_list_rows_cannot_be_added_to_does_not_take_a_posted_row_beyond_its_stored_ones()
    {
        var form = TestForm.Load(Schema, """{ "tags": { "ui:options": { "addable": false } } }""");
        var stored = new JsonObject { ["tags"] = new JsonArray("a") };

        var submitted = form.Submit(new FormValues().Add("tags[0]", "a").Add("tags[1]", "sneaked in"), stored);

        submitted.Instance["tags"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public void A_list_rows_can_be_added_to_takes_every_posted_row() =>
        TestForm.Load(Schema).Submit(new FormValues().Add("tags[0]", "a").Add("tags[1]", "b"), new JsonObject { ["tags"] = new JsonArray("a") })
            .Instance["tags"]!.AsArray().Count.ShouldBe(2);

    [Fact]
    public void A_disabled_field_stays_in_the_values_an_edit_form_shows() =>
        FormBinder.Unbind(TestForm.Load(Schema, """{ "plan": { "ui:disabled": true } }""").Model, new JsonObject { ["plan"] = "pro" })
            .Last("plan").ShouldBe("pro");
}
