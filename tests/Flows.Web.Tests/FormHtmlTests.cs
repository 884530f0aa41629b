namespace Flows.Web.Tests;

/// <summary>The HTML form renderer: encoded text, labelled inputs, errors tied to fields, secrets never written.</summary>
public sealed partial class FormHtmlTests
{
    private static AccountForm Salesforce()
    {
        var text = File.ReadAllText(Path.Combine(FixtureFolders.PathOf(Fixtures.Salesforce), "schemas", "salesforce.standard.schema.json"));
        return AccountForm.For("Salesforce.com account", FormSchema.Load(text).Schema!, "Salesforce_sales_account");
    }

    private static AccountForm Hostile() => AccountForm.For(
        "<img src=x onerror=alert(1)>",
        FormSchema.Load("""
        { "title": "<script>alert('t')</script>", "type": "object", "properties": {
            "region": { "title": "Region <b>bold</b>", "description": "\"><script>alert('d')</script>", "enum": ["a"], "x-enumNames": ["<svg onload=alert(1)>"] },
            "note": { "type": "string", "examples": ["\" autofocus onfocus=\"alert(1)"] } } }
        """).Schema!);

    [Fact]
    public void Render_TextFromSchemasAndPlugins_IsAlwaysEncoded()
    {
        var html = FormMarkup.Preview(Hostile()) + FormMarkup.Fields(Hostile(), new FormValues().Add("note", "</textarea><script>x</script>"));

        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<svg onload");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("<b>bold</b>");
        html.ShouldNotContain("\" autofocus onfocus=\"");
        html.ShouldNotContain("</textarea><script>");
        html.ShouldContain("&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;");
    }

    [Fact]
    public void Render_EveryInputHasALabelAndItsHelpAndErrorsAreLinked()
    {
        var errors = new FormErrors();
        errors.AddField("loginUrl", "Login URL must be a URL (such as https://example.com).");

        var html = FormMarkup.Fields(Salesforce(), new FormValues().Add("loginUrl", "nope"), errors);

        var ids = InputIds().Matches(html).Select(m => m.Groups[1].Value).ToList();
        ids.Count.ShouldBe(6);
        foreach (var id in ids)
        {
            html.ShouldContain($"<label for=\"{id}\">");
        }

        foreach (var reference in Described().Matches(html).SelectMany(m => m.Groups[1].Value.Split(' ')))
        {
            html.ShouldContain($"id=\"{reference}\"");
        }

        html.ShouldContain("role=\"alert\">Login URL must be a URL (such as https://example.com).</p>");
        html.ShouldContain("aria-invalid=\"true\"");
    }

    [Fact]
    public void Render_SecretValues_AreNeverWrittenIntoThePage()
    {
        var values = new FormValues().Add("username", "alice").Add("password", "Hunter2-typed").Add("securityToken", "TOKEN-typed");

        var html = FormMarkup.Fields(Salesforce(), values, storedSecrets: new HashSet<string> { "password" });

        html.ShouldNotContain("Hunter2-typed");
        html.ShouldNotContain("TOKEN-typed");
        html.ShouldContain("value=\"alice\"");
        html.ShouldContain("Set — leave empty to keep.");
        html.ShouldContain($"name=\"{FormPath.ClearSecret("password")}\"");
    }

    [Fact]
    public void Render_Variants_KeepEveryOptionsFieldsAndCheckTheChosenOne()
    {
        var form = AccountForm.For("Test", FormSchema.Load("""
        { "type": "object", "properties": { "auth": { "oneOf": [
            { "title": "Password", "properties": { "kind": { "const": "p" }, "password": { "type": "string", "writeOnly": true } } },
            { "title": "Token", "properties": { "kind": { "const": "t" }, "token": { "type": "string", "writeOnly": true } } } ] } } }
        """).Schema!);

        var html = FormMarkup.Fields(form, new FormValues().Add("auth@", "1"));

        html.ShouldContain("name=\"auth@0.password\"");
        html.ShouldContain("name=\"auth@1.token\"");
        html.ShouldContain("value=\"1\" checked");
    }

    [GeneratedRegex("<(?:input|select|textarea)[^>]* id=\"([^\"]+)\"")]
    private static partial Regex InputIds();

    [GeneratedRegex("aria-describedby=\"([^\"]+)\"")]
    private static partial Regex Described();

    [Fact]
    public void Render_ConditionalField_NamesTheFieldAndValuesItDependsOn()
    {
        var form = AccountForm.For("Database", FormSchema.Load("""
        {
          "type": "object",
          "properties": { "ssl_mode": { "enum": ["disable", "verify-full"] } },
          "if": { "properties": { "ssl_mode": { "const": "verify-full" } }, "required": ["ssl_mode"] },
          "then": { "properties": { "ca_cert": { "type": "string", "title": "CA certificate" } } }
        }
        """).Schema!);

        var html = FormMarkup.Fields(form);

        html.ShouldContain("<div class=\"conditional\" data-when=\"ssl_mode\" data-when-values=\"[&quot;verify-full&quot;]\"><div class=\"field\"><label for=\"f-ca_005fcert\">CA certificate");
    }

    [Fact]
    public void Render_ListRows_EachHaveARemoveButtonAndTheListAnAddButton()
    {
        var form = AccountForm.For("Hosts", FormSchema.Load("""
        { "type": "object", "properties": { "hosts": { "type": "array", "title": "Hosts", "items": { "type": "string", "title": "Host" } } } }
        """).Schema!);

        var html = FormMarkup.Fields(form, new FormValues().Add("hosts[0]", "a").Add("hosts[2]", "c"));

        html.ShouldContain("name=\"remove-row\" value=\"hosts[0]\" formnovalidate>Remove Host 1</button>");
        html.ShouldContain("name=\"remove-row\" value=\"hosts[2]\" formnovalidate>Remove Host 3</button>");
        html.ShouldContain("name=\"add-row\" value=\"hosts\"");
    }
}
