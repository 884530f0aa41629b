namespace Flows.Forms.Tests.Building;

/// <summary>The defaults a new form offers, filled in for values given without a form.</summary>
public sealed class FormDefaultsTests
{
    private static FormModel Model() => FormSchema.Load("""
        { "type": "object", "required": ["host", "port", "tunnel"], "properties": {
            "host": { "type": "string" },
            "port": { "type": "integer", "default": 5432 },
            "ssl": { "type": "boolean", "default": true },
            "mode": { "type": "string", "enum": ["prefer", "require"], "default": "require" },
            "advanced": { "type": "object", "properties": { "timeout": { "type": "integer", "default": 30 }, "token": { "type": "string", "default": "x", "airbyte_hidden": true } } },
            "schemas": { "type": "array", "items": { "type": "string" }, "default": ["public"] },
            "tunnel": { "oneOf": [
              { "title": "None", "required": ["method"], "properties": { "method": { "const": "none" } } },
              { "title": "SSH", "required": ["method", "ssh_port"], "properties": { "method": { "const": "ssh" }, "ssh_port": { "type": "integer", "default": 22 } } } ] } } }
        """).Schema!.Model;

    [Fact]
    public void FieldsNotGiven_GetTheirDefaults_AsTheFormWouldShowThem_AndGivenValuesStay()
    {
        var filled = FormDefaults.FillIn(Model(), new FormValues().Add("host", "db").Add("port", "6543"));

        filled.Last("host").ShouldBe("db");
        filled.Last("port").ShouldBe("6543");
        filled.Last("ssl").ShouldBe("true");
        filled.Last("mode").ShouldBe(Model().Fields.Single(f => f.Name == "mode").Options.Single(o => o.Label == "require").Key);
        filled.Last("advanced.timeout").ShouldBe("30");
        filled.Contains("advanced.token").ShouldBeFalse("hidden parts save their default through the binder, not as a typed value");
        filled.RowsOf("schemas").ShouldBeEmpty("lists are left as given");
    }

    [Fact]
    public void AChooser_GetsTheDefaultsOfTheOptionGiven_AndIsNeverPickedForTheUser()
    {
        FormDefaults.FillIn(Model(), new FormValues().Add("tunnel@", "1")).Last("tunnel@1.ssh_port").ShouldBe("22");

        var unpicked = FormDefaults.FillIn(Model(), new FormValues());
        unpicked.Names.ShouldNotContain(n => n.StartsWith("tunnel", StringComparison.Ordinal));
    }
}
