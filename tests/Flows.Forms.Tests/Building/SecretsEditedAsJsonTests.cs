using Flows.Forms.Tests.Support;

namespace Flows.Forms.Tests.Building;

/// <summary>A subtree the form edits as JSON text may hold a secret: then the text is a secret as a whole.</summary>
public class SecretsEditedAsJsonTests
{
    private const string Tree = """
        { "type": "object", "properties": { "tree": { "$ref": "#/$defs/node" } },
          "$defs": { "node": { "type": "object", "properties": { "pin": { "type": "string", "writeOnly": true }, "child": { "$ref": "#/$defs/node" } } } } }
        """;

    [Fact]
    public void A_recursive_subtree_that_reaches_a_secret_is_a_secret_and_never_unbound_into_the_form()
    {
        var form = TestForm.Load(Tree);
        var child = form.Model.Field("tree.child");
        child.Kind.ShouldBe(FieldKind.RawJson);
        child.Secret.ShouldBeTrue();

        var values = FormBinder.Unbind(form.Model, JsonNode.Parse("""{ "tree": { "pin": "p-1", "child": { "pin": "p-2" } } }""")!.AsObject());

        values.Names.ShouldNotContain("tree.child");
        string.Join(" ", values.Names.SelectMany(values.All)).ShouldNotContain("p-2");
    }

    [Fact]
    public void A_subtree_edited_as_JSON_with_a_secret_inside_keeps_the_stored_text_when_left_empty()
    {
        var form = TestForm.Load(TestForm.OneProperty("either", """{ "type": ["object", "string"], "properties": { "key": { "type": "string", "airbyte_secret": true } } }"""));
        var stored = JsonNode.Parse("""{ "either": { "key": "k-1" } }""")!.AsObject();

        var submission = form.Submit(new FormValues().Add("either", string.Empty), stored);

        form.Model.Field("either").Secret.ShouldBeTrue();
        submission.Instance["either"]!["key"]!.GetValue<string>().ShouldBe("k-1");
    }

    [Fact]
    public void A_subtree_edited_as_JSON_without_any_secret_is_shown_as_it_is()
    {
        var form = TestForm.Load(TestForm.OneProperty("either", """{ "type": ["object", "string"], "properties": { "note": { "type": "string" } } }"""));

        form.Model.Field("either").Secret.ShouldBeFalse();
    }
}
