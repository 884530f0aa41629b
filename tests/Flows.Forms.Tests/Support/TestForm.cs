namespace Flows.Forms.Tests.Support;

/// <summary>Loads a schema with a uiSchema the way a host does, failing the test when either is refused.</summary>
internal static class TestForm
{
    public static FormSchema Load(string schema, string? uiSchema = null)
    {
        var result = FormSchema.Load(schema, uiSchema);
        result.Errors.ShouldBeEmpty();
        return result.Schema!;
    }

    public static FormModel Model(string schema, string? uiSchema = null) => Load(schema, uiSchema).Model;

    public static FormField Field(this FormModel model, string path) =>
        model.AllFields().Single(f => f.Path == path);

    /// <summary>A schema of one property with the given schema.</summary>
    public static string OneProperty(string name, string propertySchema) =>
        $$"""{ "type": "object", "properties": { "{{name}}": {{propertySchema}} } }""";
}
