namespace Flows.Forms.Tests.Building;

/// <summary>
/// Hidden parts (<c>airbyte_hidden</c>, <c>x-hidden</c>, <c>readOnly</c> with a <c>const</c>) on every kind of
/// field: never asked, and never saved beyond their default, whatever a post holds for them.
/// </summary>
public sealed class HiddenHintTests
{
    // The shape of Airbyte's S3 source (airbytehq/airbyte, source-s3 spec.json): deprecated parts hidden,
    // among them a "File Format" chooser whose default is the string "csv" although it is an object.
    private const string S3Like = """
    {
      "type": "object",
      "required": ["bucket"],
      "properties": {
        "bucket": { "title": "Bucket", "type": "string", "order": 0 },
        "schema": { "title": "Manually enforced data schema", "type": "string", "default": "{}", "airbyte_hidden": true },
        "dataset": { "title": "Output Stream Name", "type": "string", "pattern": "^([A-Za-z0-9-_]+)$", "airbyte_hidden": true },
        "format": {
          "title": "File Format", "type": "object", "default": "csv", "airbyte_hidden": true,
          "oneOf": [
            { "title": "CSV", "type": "object", "properties": {
                "filetype": { "const": "csv", "default": "csv", "type": "string" },
                "delimiter": { "title": "Delimiter", "type": "string", "default": "," },
                "block_size": { "title": "Block Size", "type": "integer", "default": 10000 } } },
            { "title": "Parquet", "type": "object", "properties": {
                "filetype": { "const": "parquet", "default": "parquet", "type": "string" },
                "batch_size": { "title": "Record batch size", "type": "integer", "default": 65536 } } }
          ]
        },
        "provider": {
          "title": "S3: Amazon Web Services", "type": "object", "airbyte_hidden": true,
          "properties": { "path_prefix": { "type": "string", "default": "" }, "endpoint": { "type": "string", "default": "" } }
        }
      }
    }
    """;

    private static FormSchema Load(string schema)
    {
        var loaded = FormSchema.Load(schema);
        return loaded.Schema.ShouldNotBeNull(string.Join("; ", loaded.Errors));
    }

    private static string Describe(FormErrors errors) =>
        string.Join("; ", errors.Fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")).Concat(errors.Form));

    private static FormField Field(FormSchema schema, string path) => schema.Model.AllFields().Single(f => f.Path == path);

    [Fact]
    public void AHiddenChooserWithVariants_IsMarkedHiddenInTheModel()
    {
        var schema = Load(S3Like);

        var format = Field(schema, "format");
        format.Kind.ShouldBe(FieldKind.Variant);
        format.Hidden.ShouldBeTrue();
    }

    [Fact]
    public void AHiddenChoosersOptionChosenInAPost_IsNotSaved()
    {
        var schema = Load(S3Like);

        var submission = schema.Submit(new FormValues()
            .Add("bucket", "data")
            .Add(FormPath.VariantSelector("format"), "0")
            .Add("format@0.delimiter", ",")
            .Add("format@0.block_size", "10000"));

        submission.Errors.IsEmpty.ShouldBeTrue(Describe(submission.Errors));
        submission.Instance.ContainsKey("format").ShouldBeFalse(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AHiddenStringWithADefault_SavesExactlyTheDefaultWhateverIsPosted()
    {
        var schema = Load(S3Like);

        var submission = schema.Submit(new FormValues().Add("bucket", "data").Add("schema", "{\"column_1\": \"number\"}"));

        submission.Instance["schema"]!.GetValue<string>().ShouldBe("{}");
    }

    [Fact]
    public void AHiddenStringWithoutADefault_SavesNothingEvenWhenAValueIsPosted()
    {
        var schema = Load(S3Like);

        var submission = schema.Submit(new FormValues().Add("bucket", "data").Add("dataset", "posted_by_hand"));

        submission.Instance.ContainsKey("dataset").ShouldBeFalse(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AHiddenGroup_SavesNothingOfWhatIsPostedForItsFields()
    {
        var schema = Load(S3Like);

        var submission = schema.Submit(new FormValues().Add("bucket", "data").Add("provider.endpoint", "https://evil.example"));

        submission.Instance.ContainsKey("provider").ShouldBeFalse(submission.Instance.ToJsonString());
    }

    [Fact]
    public void ANothingPostedS3LikeForm_SavesOnlyWhatWasAskedAndTheHiddenDefaultsThatFit()
    {
        var schema = Load(S3Like);

        var submission = schema.Submit(new FormValues().Add("bucket", "data"));

        // "csv" is not an object, so the hidden chooser saves nothing rather than an account that cannot be valid.
        submission.IsValid.ShouldBeTrue(Describe(submission.Errors));
        JsonNode.DeepEquals(submission.Instance, JsonNode.Parse("""{ "bucket": "data", "schema": "{}" }""")).ShouldBeTrue(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AHiddenChooserWithAnObjectDefault_SavesExactlyThatDefault()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "mode": { "type": "object", "x-hidden": true, "default": { "kind": "b", "size": 3 },
              "oneOf": [
                { "title": "A", "properties": { "kind": { "const": "a" } } },
                { "title": "B", "properties": { "kind": { "const": "b" }, "size": { "type": "integer" } } } ] } } }
        """);

        var submission = schema.Submit(new FormValues().Add(FormPath.VariantSelector("mode"), "0"));

        JsonNode.DeepEquals(submission.Instance["mode"], JsonNode.Parse("""{ "kind": "b", "size": 3 }""")).ShouldBeTrue(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AHiddenOptionOfAChooser_IsMarkedAndNeverChosenByAPost()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "auth": { "type": "object",
              "oneOf": [
                { "title": "Legacy key", "airbyte_hidden": true, "properties": { "type": { "const": "legacy" }, "key": { "type": "string" } } },
                { "title": "Token", "properties": { "type": { "const": "token" }, "token": { "type": "string" } } } ] } } }
        """);

        var auth = Field(schema, "auth");
        auth.Variants[0].Hidden.ShouldBeTrue();
        auth.Variants[1].Hidden.ShouldBeFalse();
        var submission = schema.Submit(new FormValues().Add(FormPath.VariantSelector("auth"), "0").Add("auth@0.key", "old"));
        submission.Instance.ContainsKey("auth").ShouldBeFalse(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AListOfHiddenItems_IsHiddenAndSavesItsDefault()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "tags": { "type": "array", "default": ["a"], "items": { "type": "string", "x-hidden": true } },
            "ports": { "type": "array", "airbyte_hidden": true, "items": { "type": "integer" } } } }
        """);

        Field(schema, "tags").Hidden.ShouldBeTrue();
        Field(schema, "ports").Hidden.ShouldBeTrue();
        var submission = schema.Submit(new FormValues().Add("tags[0]", "posted").Add("ports[0]", "22"));
        JsonNode.DeepEquals(submission.Instance, JsonNode.Parse("""{ "tags": ["a"] }""")).ShouldBeTrue(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AHiddenNumberAndAReadOnlyConst_AreHiddenAndSaveTheirDefaultOrConst()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "retries": { "type": "integer", "default": 3, "airbyte_hidden": true },
            "api": { "type": "string", "const": "v2", "readOnly": true } } }
        """);

        Field(schema, "retries").Hidden.ShouldBeTrue();
        Field(schema, "api").Hidden.ShouldBeTrue();
        var submission = schema.Submit(new FormValues().Add("retries", "99").Add("api", "v1"));
        JsonNode.DeepEquals(submission.Instance, JsonNode.Parse("""{ "retries": 3, "api": "v2" }""")).ShouldBeTrue(submission.Instance.ToJsonString());
    }

    [Fact]
    public void AHiddenFieldInsideAListRowsGroup_SavesItsDefaultInEachRow()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "streams": { "type": "array", "items": { "type": "object", "required": ["name"], "properties": {
              "name": { "type": "string" },
              "legacy_prefix": { "type": "string", "airbyte_hidden": true },
              "version": { "type": "integer", "default": 1, "x-hidden": true } } } } } }
        """);

        var submission = schema.Submit(new FormValues().Add("streams[0].name", "orders").Add("streams[0].legacy_prefix", "old/"));

        JsonNode.DeepEquals(submission.Instance, JsonNode.Parse("""{ "streams": [{ "name": "orders", "version": 1 }] }""")).ShouldBeTrue(submission.Instance.ToJsonString());
    }
}
