using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.Validation;

/// <summary>
/// A property can be required by a part of the schema other than its own object's "required": an allOf
/// branch, or the "then" of an if. Left empty, the message belongs beside that property's field.
/// </summary>
public class RequiredInABranchTests
{
    // The rjsf playground's ifThenElse, shortened: "animal" is required only by the last allOf branch.
    private const string Animals = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": { "animal": { "enum": ["Cat", "Fish"] } },
          "allOf": [
            {
              "if": { "properties": { "animal": { "const": "Cat" } } },
              "then": { "properties": { "food": { "type": "string", "enum": ["meat", "grass"] } }, "required": ["food"] }
            },
            { "required": ["animal"] }
          ]
        }
        """;

    [Fact]
    public void A_property_required_only_by_an_allOf_branch_and_left_empty_is_named_beside_its_field()
    {
        var form = TestForm.Load(Animals);

        var errors = form.Submit(new FormValues()).Errors;

        errors.IsEmpty.ShouldBeFalse();
        errors.Fields.Keys.ShouldContain("animal", string.Join(" | ", errors.All()));
        errors.Fields["animal"].ShouldHaveSingleItem().ShouldContain("required");
    }

    [Fact]
    public void A_property_required_by_a_then_branch_is_named_beside_its_field_while_the_condition_holds()
    {
        var form = TestForm.Load(Animals);

        var errors = form.Submit(new FormValues().Add("animal", "Cat")).Errors;

        errors.Fields.Keys.ShouldBe(["food"]);
    }

    [Fact]
    public void A_name_an_allOf_branch_requires_and_its_object_defines_is_not_reported_as_undefined()
    {
        TestForm.Model(Animals).Notes.ShouldBeEmpty();
    }

    [Fact]
    public void A_name_required_in_a_branch_that_nothing_around_it_defines_is_still_left_out_and_reported()
    {
        const string schema = """
            {
              "type": "object",
              "properties": { "animal": { "type": "string" } },
              "allOf": [{ "required": ["animal", "colour"] }]
            }
            """;

        var form = TestForm.Load(schema);

        form.Model.Notes.ShouldHaveSingleItem().ShouldContain("'colour'");
        form.Submit(new FormValues().Add("animal", "Cat")).Errors.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void A_name_required_under_not_is_kept_as_written()
    {
        const string schema = """
            {
              "type": "object",
              "properties": { "animal": { "type": "string" } },
              "not": { "required": ["legacy"] }
            }
            """;

        var form = TestForm.Load(schema);

        form.Model.Notes.ShouldNotContain(note => note.Contains("legacy"));
        form.Validate(new JsonObject { ["animal"] = "Cat" }).IsEmpty.ShouldBeTrue();
        form.Validate(new JsonObject { ["animal"] = "Cat", ["legacy"] = true }).All().ShouldHaveSingleItem().ShouldContain("not allowed");
    }

    [Fact]
    public void A_value_a_field_s_not_rules_out_is_refused_beside_that_field()
    {
        var form = TestForm.Load(TestForm.OneProperty("user", """{ "type": "string", "not": { "const": "admin" } }"""));

        form.Submit(new FormValues().Add("user", "\"ada\"")).Errors.All().ShouldBeEmpty();
        form.Submit(new FormValues().Add("user", "\"admin\"")).Errors.Fields["user"].ShouldHaveSingleItem().ShouldBe("User: this value is not allowed.");
    }

    [Fact]
    public void A_choice_whose_options_overlap_accepts_the_values_of_the_option_chosen()
    {
        // As Airbyte's MongoDB spec: the first option asks for more than the second, so filled in, both hold.
        var form = TestForm.Load(TestForm.OneProperty("instance", """
            {
              "type": "object",
              "oneOf": [
                { "title": "Atlas", "required": ["uri", "user"], "properties": { "uri": { "type": "string" }, "user": { "type": "string" } } },
                { "title": "Self-managed", "required": ["uri"], "properties": { "uri": { "type": "string" }, "user": { "type": "string" } } }
              ]
            }
            """));

        form.Validate(JsonNode.Parse("""{ "instance": { "uri": "mongodb://a", "user": "ada" } }""")!.AsObject()).All().ShouldBeEmpty();
        form.Validate(JsonNode.Parse("""{ "instance": { "user": "ada" } }""")!.AsObject()).IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void What_a_not_rules_out_is_never_said_of_a_value_refused_for_another_reason()
    {
        var form = TestForm.Load(TestForm.OneProperty("user", """{ "type": "string", "minLength": 3, "not": { "const": "admin" } }"""));

        var errors = form.Submit(new FormValues().Add("user", "\"ab\"")).Errors;

        errors.All().ShouldHaveSingleItem().ShouldContain("at least 3");
    }

    [Fact]
    public void A_property_named_not_is_a_field_like_any_other()
    {
        var form = TestForm.Load(TestForm.OneProperty("not", """{ "type": "string", "title": "Not", "minLength": 3 }"""));

        form.Submit(new FormValues().Add("not", "ab")).Errors.Fields["not"].ShouldHaveSingleItem().ShouldBe("Not must be at least 3 characters long.");
    }
}
