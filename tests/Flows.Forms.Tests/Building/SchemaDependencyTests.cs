using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.Building;

public class SchemaDependencyTests
{
    private const string Pets = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": { "pets": { "enum": ["none", "one", "many"] } },
          "dependencies": {
            "pets": {
              "oneOf": [
                { "properties": { "pets": { "enum": ["none"] } } },
                { "properties": { "pets": { "enum": ["one"] }, "age": { "type": "number" } }, "required": ["age"] },
                { "properties": { "pets": { "enum": ["many"] }, "rehome": { "type": "boolean" } } }
              ]
            }
          }
        }
        """;

    [Fact]
    public void A_draft_07_schema_dependency_shows_each_option_s_fields_while_the_trigger_has_that_option_s_value()
    {
        var age = TestForm.Model(Pets).Field("age");

        age.VisibleWhen.ShouldNotBeNull();
        age.VisibleWhen.HoldsFor(JsonValue.Create("one")).ShouldBeTrue();
        age.VisibleWhen.HoldsFor(JsonValue.Create("many")).ShouldBeFalse();
        age.Required.ShouldBeTrue();
    }

    [Fact]
    public void A_field_of_a_schema_dependency_is_bound_only_while_its_option_is_chosen()
    {
        var form = TestForm.Load(Pets);

        form.Submit(new FormValues().Add("pets", "many").Add("age", "3").Add("rehome", "true")).Instance.ToJsonString()
            .ShouldBe("""{"pets":"many","rehome":true}""");
    }

    [Fact]
    public void A_dependency_without_options_shows_its_fields_always_and_says_so()
    {
        const string schema = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "properties": { "card": { "type": "number" } },
              "dependencies": { "card": { "properties": { "billing": { "type": "string" } }, "required": ["billing"] } }
            }
            """;

        var model = TestForm.Model(schema);

        model.Field("billing").VisibleWhen.ShouldBeNull();
        model.Notes.ShouldHaveSingleItem().ShouldContain("are always shown");
    }

    [Fact]
    public void A_draft_07_property_dependency_makes_a_field_required_when_its_trigger_is_present()
    {
        const string schema = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "properties": { "card": { "type": "number" }, "billing": { "type": "string" } },
              "dependencies": { "card": ["billing"] }
            }
            """;

        TestForm.Model(schema).Field("billing").RequiredWhenPresent.ShouldBe(["card"]);
    }
}
