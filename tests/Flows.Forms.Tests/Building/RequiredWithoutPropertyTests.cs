namespace Flows.Forms.Tests.Building;

/// <summary>
/// A <c>required</c> name the object never defines (Airbyte's MongoDB source requires, at the top
/// level, a connection string that lives inside a variant) cannot block every account; a name some
/// part of the same object defines stays required.
/// </summary>
public sealed class RequiredWithoutPropertyTests
{
    private const string MongoLike = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["connection_string", "database"],
          "properties": {
            "instance_type": {
              "title": "Instance Type", "type": "object",
              "oneOf": [
                { "title": "Atlas", "required": ["connection_string", "database"], "properties": {
                  "connection_string": { "title": "Connection String", "type": "string" },
                  "database": { "title": "Database Name", "type": "string" } } },
                { "title": "Standalone", "required": ["host"], "properties": { "host": { "title": "Host", "type": "string" } } }
              ]
            }
          }
        }
        """;

    [Fact]
    public void ANameRequiredWhereNoPropertyDefinesIt_IsNotRequired_AndTheFormsNotesSaySo()
    {
        var schema = FormSchema.Load(MongoLike).Schema!;

        var submission = schema.Submit(new FormValues().Add("instance_type@", "0")
            .Add("instance_type@0.connection_string", "mongodb+srv://cluster0.example.net/").Add("instance_type@0.database", "sales"));

        submission.IsValid.ShouldBeTrue(string.Join("; ", submission.Errors.Form.Concat(submission.Errors.Fields.SelectMany(f => f.Value))));
        schema.Model.Notes.ShouldContain(n => n.Contains("'connection_string', 'database' as required", StringComparison.Ordinal) && n.StartsWith("The top level", StringComparison.Ordinal));
    }

    [Fact]
    public void TheVariantsOwnRequiredNames_StillBind()
    {
        var schema = FormSchema.Load(MongoLike).Schema!;

        var submission = schema.Submit(new FormValues().Add("instance_type@", "0").Add("instance_type@0.database", "sales"));

        submission.IsValid.ShouldBeFalse();
        submission.Errors.Fields.Keys.ShouldContain("instance_type@0.connection_string");
    }

    [Fact]
    public void ANameDefinedByAVariantOfTheSameObject_StaysRequired()
    {
        var schema = FormSchema.Load("""
            { "type": "object", "required": ["token"], "properties": { "host": { "type": "string" } },
              "oneOf": [ { "title": "Token", "properties": { "token": { "type": "string" } } }, { "title": "Other", "properties": { "token": { "type": "string", "minLength": 3 } } } ] }
            """).Schema!;

        schema.Model.Notes.ShouldNotContain(n => n.Contains("as required", StringComparison.Ordinal));
        schema.Submit(new FormValues().Add("host", "example.com")).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void ANameThatPatternPropertiesMayDefine_StaysRequired()
    {
        var schema = FormSchema.Load("""
            { "type": "object", "required": ["x-key"], "properties": { "host": { "type": "string" } }, "patternProperties": { "^x-": { "type": "string" } } }
            """).Schema!;

        schema.Model.Notes.ShouldNotContain(n => n.Contains("as required", StringComparison.Ordinal));
    }
}
