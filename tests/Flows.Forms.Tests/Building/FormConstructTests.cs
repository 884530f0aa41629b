namespace Flows.Forms.Tests.Building;

/// <summary>The constructs connector schemas really use, from model to bound and validated instance.</summary>
public sealed class FormConstructTests
{
    private static FormSchema Load(string schema)
    {
        var loaded = FormSchema.Load(schema);
        return loaded.Schema ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors));
    }

    private const string AuthVariants = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "type": "object",
      "required": ["host", "auth"],
      "properties": {
        "host": { "type": "string", "title": "Host" },
        "auth": {
          "title": "Authentication",
          "oneOf": [
            { "title": "User and password", "type": "object", "required": ["method", "user", "password"],
              "properties": { "method": { "const": "basic" }, "user": { "type": "string" }, "password": { "type": "string", "writeOnly": true } } },
            { "title": "API token", "type": "object", "required": ["method", "token"],
              "properties": { "method": { "const": "token" }, "token": { "type": "string", "airbyte_secret": true } } }
          ]
        }
      }
    }
    """;

    [Fact]
    public void Variant_OneOfObjectsWithAConstDiscriminator_BecomesAChooserWithoutAskingForTheConst()
    {
        var auth = Load(AuthVariants).Model.Fields.Single(f => f.Name == "auth");

        auth.Kind.ShouldBe(FieldKind.Variant);
        auth.Variants.Select(v => v.Title).ShouldBe(["User and password", "API token"]);
        auth.Variants.Select(v => v.Discriminator).ShouldAllBe(d => d == "method");
        auth.Variants[0].Fields.Select(f => f.Path).ShouldBe(["auth@0.user", "auth@0.password"]);
        auth.Variants[1].Fields.Single().Secret.ShouldBeTrue();
    }

    [Fact]
    public void Variant_BindsOnlyTheChosenOptionAndFillsInItsDiscriminator()
    {
        var schema = Load(AuthVariants);
        var values = new FormValues()
            .Add("host", "db.example")
            .Add("auth@", "1")
            .Add("auth@0.user", "kept in the form while switching")
            .Add("auth@1.token", "t0k3n");

        var submission = schema.Submit(values);

        submission.Errors.All().ShouldBeEmpty();
        submission.Instance.ToJsonString().ShouldBe("""{"host":"db.example","auth":{"method":"token","token":"t0k3n"}}""");
    }

    [Fact]
    public void Variant_MissingValueInTheChosenOption_IsReportedOnThatFieldOnly()
    {
        var schema = Load(AuthVariants);

        var errors = schema.Submit(new FormValues().Add("host", "h").Add("auth@", "0").Add("auth@0.user", "u")).Errors;

        errors.Fields.Keys.ShouldBe(["auth@0.password"]);
        errors.Fields["auth@0.password"].ShouldBe(["Password is required."]);
    }

    [Fact]
    public void Lists_OfScalarsAndObjects_BindRowsInOrderAndSkipEmptyRows()
    {
        var schema = Load("""
        {
          "type": "object",
          "properties": {
            "servers": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
            "headers": { "type": "array", "items": { "type": "object", "required": ["name"],
              "properties": { "name": { "type": "string" }, "value": { "type": "string" } } } }
          }
        }
        """);
        var values = new FormValues()
            .Add("servers[3]", "c:9092").Add("servers[0]", "a:9092").Add("servers[1]", string.Empty)
            .Add("headers[0].name", "X-Api").Add("headers[0].value", "1")
            .Add("headers[5].name", "X-Other");

        var submission = schema.Submit(values);

        submission.Errors.All().ShouldBeEmpty();
        submission.Instance.ToJsonString().ShouldBe("""{"servers":["a:9092","c:9092"],"headers":[{"name":"X-Api","value":"1"},{"name":"X-Other"}]}""");
    }

    [Fact]
    public void Lists_ErrorsPointAtTheRowAsPosted()
    {
        var schema = Load("""
        { "type": "object", "properties": { "ports": { "type": "array", "items": { "type": "integer", "maximum": 65535 } } } }
        """);

        var errors = schema.Submit(new FormValues().Add("ports[0]", "80").Add("ports[1]", "99999").Add("ports[2]", "eighty")).Errors;

        errors.Fields["ports[1]"].ShouldBe(["Item must be at most 65535."]);
        errors.Fields["ports[2]"].ShouldBe(["Item must be a whole number."]);
    }

    [Fact]
    public void Conditional_ThenFieldsAppearOnlyWhileTheConditionHolds()
    {
        var schema = Load("""
        {
          "type": "object",
          "properties": { "ssl_mode": { "enum": ["disable", "verify-full"] } },
          "if": { "properties": { "ssl_mode": { "const": "verify-full" } }, "required": ["ssl_mode"] },
          "then": { "required": ["ca_cert"], "properties": { "ca_cert": { "type": "string", "multiline": true, "title": "CA certificate" } } }
        }
        """);
        var caCert = schema.Model.Fields.Single(f => f.Name == "ca_cert");

        caCert.VisibleWhen.ShouldNotBeNull().Property.ShouldBe("ssl_mode");
        caCert.Format.ShouldBe(TextFormat.Multiline);
        schema.Submit(new FormValues().Add("ssl_mode", "disable").Add("ca_cert", "ignored")).Instance.ContainsKey("ca_cert").ShouldBeFalse();
        schema.Submit(new FormValues().Add("ssl_mode", "verify-full")).Errors.Fields["ca_cert"].ShouldBe(["CA certificate is required."]);
    }

    [Fact]
    public void DependentRequired_SaysWhichFieldMakesItRequired()
    {
        var schema = Load("""
        {
          "type": "object",
          "properties": { "proxy_host": { "type": "string", "title": "Proxy host" }, "proxy_port": { "type": "integer", "title": "Proxy port" } },
          "dependentRequired": { "proxy_host": ["proxy_port"] }
        }
        """);

        var errors = schema.Submit(new FormValues().Add("proxy_host", "proxy.local")).Errors;

        errors.Fields["proxy_port"].ShouldBe(["Proxy port is required when Proxy host is set."]);
    }

    [Theory]
    [InlineData("email", "nope", "Contact must be an e-mail address.")]
    [InlineData("date", "31/01/2025", "Contact must be a date (YYYY-MM-DD).")]
    [InlineData("date-time", "yesterday", "Contact must be a date and time (such as 2025-01-31T09:30:00Z).")]
    [InlineData("uri", "just words", "Contact must be a URL (such as https://example.com).")]
    public void Formats_AreCheckedNotMerelyAnnotations(string format, string value, string message)
    {
        var schema = Load($$"""{ "type": "object", "properties": { "contact": { "type": "string", "format": "{{format}}" } } }""");

        schema.Submit(new FormValues().Add("contact", value)).Errors.Fields["contact"].ShouldBe([message]);
    }

    [Fact]
    public void Choices_FromEnumAndFromOneOfConsts_CarryLabelsAndBindTheRealValues()
    {
        var schema = Load("""
        {
          "type": "object",
          "properties": {
            "region": { "enum": ["eu-west-1", "us-east-1"], "x-enumNames": ["Ireland", "N. Virginia"] },
            "tls": { "oneOf": [ { "const": 0, "title": "Off" }, { "const": 1, "title": "On" } ] }
          }
        }
        """);
        var fields = schema.Model.Fields;

        fields[0].Options.Select(o => o.Label).ShouldBe(["Ireland", "N. Virginia"]);
        fields[1].Options.Select(o => (o.Label, o.Key)).ShouldBe([("Off", "0"), ("On", "1")]);
        schema.Submit(new FormValues().Add("region", "us-east-1").Add("tls", "1")).Instance.ToJsonString().ShouldBe("""{"region":"us-east-1","tls":1}""");
        schema.Submit(new FormValues().Add("region", "mars-1")).Errors.Fields["region"].ShouldBe(["Region: 'mars-1' is not one of the choices."]);
    }

    [Fact]
    public void RefsAndAllOf_AreResolvedInsideTheDocument()
    {
        var schema = Load("""
        {
          "$defs": { "port": { "type": "integer", "minimum": 1, "maximum": 65535, "default": 5432 }, "base": { "properties": { "host": { "type": "string" } }, "required": ["host"] } },
          "allOf": [ { "$ref": "#/$defs/base" } ],
          "type": "object",
          "properties": { "port": { "$ref": "#/$defs/port", "title": "Port" } }
        }
        """);

        schema.Model.Fields.Select(f => (f.Name, f.Kind, f.Required)).ShouldBe([("port", FieldKind.WholeNumber, false), ("host", FieldKind.Text, true)]);
        schema.Model.Fields[0].Title.ShouldBe("Port");
        schema.Model.Fields[0].Default!.GetValue<int>().ShouldBe(5432);
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "x": { "$ref": "https://example.com/schema.json" } } }""", "External $ref 'https://example.com/schema.json' is not allowed")]
    [InlineData("""{ "type": "object", "properties": { "x": { "$ref": "#/$defs/missing" } } }""", "points to nothing")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{ "type": "object", """, "not valid JSON")]
    public void UnusableSchema_IsRefusedWithAClearErrorAndNothingIsFetched(string text, string error)
    {
        var loaded = FormSchema.Load(text);

        loaded.Schema.ShouldBeNull();
        loaded.Errors.ShouldHaveSingleItem().ShouldContain(error);
    }

    [Theory]
    [InlineData("""{ "type": "object", "patternProperties": { "^x-": { "type": "string" } } }""", "patternProperties")]
    [InlineData("""{ "not": { "type": "string" } }""", "\"not\"")]
    [InlineData("""{ "type": "object", "additionalProperties": { "type": "string" } }""", "map of free-form keys")]
    [InlineData("""{ "type": ["string", "integer"] }""", "may be any of string, integer")]
    [InlineData("""{ "type": "array", "prefixItems": [ { "type": "string" } ] }""", "prefixItems")]
    public void Unexpressible_Subtree_DegradesToAJsonEditorWithANote(string propertySchema, string note)
    {
        var schema = Load($$"""{ "type": "object", "properties": { "extra": {{propertySchema}} } }""");
        var extra = schema.Model.Fields.Single();

        extra.Kind.ShouldBe(FieldKind.RawJson);
        extra.Note.ShouldNotBeNull().ShouldContain(note);
        schema.Model.Notes.ShouldHaveSingleItem().ShouldContain("'Extra'");
    }

    [Fact]
    public void RawJson_BindsParsedJsonAndReportsUnreadableText()
    {
        var schema = Load("""{ "type": "object", "properties": { "labels": { "type": "object", "additionalProperties": { "type": "string" } } } }""");

        schema.Submit(new FormValues().Add("labels", """{"team":"data"}""")).Instance.ToJsonString().ShouldBe("""{"labels":{"team":"data"}}""");
        schema.Submit(new FormValues().Add("labels", "{ team: data")).Errors.Fields["labels"].ShouldHaveSingleItem().ShouldStartWith("Labels must be valid JSON");
    }

    [Fact]
    public void RecursiveRef_StopsAtTheRecursionInsteadOfLoopingForever()
    {
        var schema = Load("""
        { "$defs": { "node": { "type": "object", "properties": { "name": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/$defs/node" } } } } },
          "type": "object", "properties": { "tree": { "$ref": "#/$defs/node" } } }
        """);

        var children = schema.Model.AllFields().Single(f => f.Name == "children");
        children.Item!.Kind.ShouldBe(FieldKind.RawJson);
        children.Item.Note.ShouldNotBeNull().ShouldContain("recursive");
    }

    [Fact]
    public void DeepNesting_IsBoundedAndTheDeepestPartBecomesAJsonEditor()
    {
        var text = "{\"type\":\"string\"}";
        for (var i = 0; i < 60; i++)
        {
            text = "{\"type\":\"object\",\"properties\":{\"level\":" + text + "}}";
        }

        var schema = Load(text);

        schema.Model.AllFields().Count().ShouldBeLessThanOrEqualTo(SchemaFormBuilder.MaxDepth + 2);
        schema.Model.AllFields().Last().Kind.ShouldBe(FieldKind.RawJson);
    }

    [Fact]
    public void CatastrophicPattern_CannotHangValidation()
    {
        var schema = Load("""{ "type": "object", "properties": { "name": { "type": "string", "pattern": "^(a+)+$" } } }""");

        var submission = schema.Submit(new FormValues().Add("name", new string('a', 40) + "!"));

        submission.Errors.Fields["name"].ShouldHaveSingleItem().ShouldContain("could not be checked against its pattern in time");
    }

    [Fact]
    public void PropertyNamesWithDotsBracketsAndAtSigns_GetUnambiguousPostNames()
    {
        var schema = Load("""{ "type": "object", "properties": { "a.b": { "type": "string" }, "c[0]": { "type": "string" }, "@d": { "type": "string" }, "$label": { "type": "string" } } }""");

        schema.Model.Fields.Select(f => f.Path).ShouldBe(["a~1b", "c~20~3", "~4d", "~6label"]);
        schema.Submit(new FormValues().Add("a~1b", "1").Add("c~20~3", "2").Add("~4d", "3").Add("~6label", "4"))
            .Instance.ToJsonString().ShouldBe("""{"a.b":"1","c[0]":"2","@d":"3","$label":"4"}""");
    }

    [Fact]
    public void OrderHints_SortFieldsAndUnorderedOnesFollowInDocumentOrder()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "c": { "type": "string" }, "b": { "type": "string", "order": 2 }, "a": { "type": "string", "x-order": 1 }, "d": { "type": "string", "airbyte_hidden": true } } }
        """);

        schema.Model.Fields.Select(f => f.Name).ShouldBe(["a", "b", "c", "d"]);
        schema.Model.Fields[3].Hidden.ShouldBeTrue();
    }

    [Fact]
    public void NullableTypes_AreOrdinaryFieldsThatMayBeLeftEmpty()
    {
        var schema = Load("""{ "type": "object", "properties": { "timeout": { "type": ["integer", "null"] } } }""");

        schema.Model.Fields.Single().ShouldSatisfyAllConditions(f => f.Kind.ShouldBe(FieldKind.WholeNumber), f => f.Nullable.ShouldBeTrue());
        schema.Submit(new FormValues().Add("timeout", string.Empty)).Instance.ToJsonString().ShouldBe("{}");
    }

    [Fact]
    public void Validate_InstanceFromAnApiCall_ReportsUnknownPropertiesForTheWholeForm()
    {
        var schema = Load("""{ "type": "object", "additionalProperties": false, "properties": { "host": { "type": "string" } } }""");

        var errors = schema.Validate(JsonNode.Parse("""{"host":"h","colour":"blue"}""")!.AsObject());

        errors.Form.ShouldBe(["'colour' is not a field of this form."]);
    }

    [Fact]
    public void BindingErrors_OnSecretFields_NeverRepeatWhatWasTyped()
    {
        var schema = Load("""
        { "type": "object", "properties": {
            "mode": { "enum": ["a", "b"], "writeOnly": true },
            "keyfile": { "type": "object", "additionalProperties": { "type": "string" }, "x-secret": true } } }
        """);

        var errors = schema.Submit(new FormValues().Add("mode", "HUNTER2-choice").Add("keyfile", "HUNTER2{")).Errors;

        errors.All().ShouldNotBeEmpty();
        errors.All().ShouldAllBe(message => !message.Contains("HUNTER2", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidatorWordsAboutASecret_AreReplacedByAPlainVerdict()
    {
        // The length limit comes from a then-branch, so the field has no constraint of its own to phrase.
        var schema = Load("""
        { "type": "object", "properties": { "mode": { "enum": ["short"] }, "key": { "type": "string", "writeOnly": true } },
          "if": { "properties": { "mode": { "const": "short" } } }, "then": { "properties": { "key": { "maxLength": 3 } } } }
        """);

        var errors = schema.Submit(new FormValues().Add("mode", "short").Add("key", "HUNTER2-long")).Errors;

        errors.Fields["key"].ShouldBe(["Key: the value is not accepted"]);
    }
}
