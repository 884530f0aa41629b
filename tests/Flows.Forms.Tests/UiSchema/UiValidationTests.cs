using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.UiSchema;

public class UiValidationTests
{
    [Fact]
    public void Validating_an_instance_puts_an_error_in_a_row_of_a_list_that_cannot_grow_on_that_row()
    {
        var form = TestForm.Load(
            """{ "type": "object", "properties": { "tags": { "type": "array", "items": { "type": "string", "minLength": 3 } } } }""",
            """{ "tags": { "ui:options": { "addable": false } } }""");

        var errors = form.Validate(new JsonObject { ["tags"] = new JsonArray("long enough", "no") });

        errors.Fields.Keys.ShouldBe(["tags[1]"]);
    }
}
