using Flows.Forms.AspNetCore;
using Flows.Web.Forms;

namespace Flows.Web.Tests;

/// <summary>How a long published spec is laid out: sections, optional fields folded away, hidden parts absent, keys masked.</summary>
public sealed class FormLayoutHtmlTests
{
    private static AccountForm Form() => AccountForm.For("Database", FormSchema.Load("""
        { "type": "object", "required": ["host", "tunnel"], "properties": {
            "host": { "type": "string", "title": "Host" },
            "schema": { "type": "string", "title": "Schema" },
            "jdbc": { "type": "string", "title": "JDBC URL parameters" },
            "timeout": { "type": "integer", "title": "Timeout" },
            "client_key": { "type": "string", "title": "Client key", "multiline": true, "airbyte_secret": true },
            "user": { "type": "string", "title": "User", "group": "auth" },
            "port": { "type": "integer", "title": "Port", "group": "advanced" },
            "tunnel": { "title": "SSH tunnel", "oneOf": [
                { "title": "No tunnel", "properties": { "method": { "const": "none" } } },
                { "title": "Password", "required": ["tunnel_host"], "properties": { "method": { "const": "pw" },
                    "tunnel_host": { "type": "string", "title": "Tunnel host" },
                    "internal": { "type": "string", "title": "Internal flag", "airbyte_hidden": true } } } ] },
            "password": { "type": "string", "title": "Password", "group": "auth", "airbyte_secret": true },
            "legacy": { "title": "Legacy format", "airbyte_hidden": true, "type": "object", "properties": { "a": { "type": "string", "title": "Legacy A" } } },
            "old_streams": { "title": "Old streams", "airbyte_hidden": true, "type": "array", "items": { "type": "string" } },
            "old_mode": { "title": "Old mode", "airbyte_hidden": true, "oneOf": [ { "title": "Mode A", "properties": { "m": { "const": "a" } } } ] },
            "servers": { "title": "Servers", "type": "array", "items": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string", "title": "Server name" } } } } } }
        """).Schema!);

    [Fact]
    public void FieldsWithAGroupHint_AreShownUnderAHeadingPerSection_InModelOrder()
    {
        var html = FormMarkup.Fields(Form());

        var auth = html.IndexOf("<section class=\"form-section\"><h2>Auth</h2>", StringComparison.Ordinal);
        var advanced = html.IndexOf("<section class=\"form-section\"><h2>Advanced</h2>", StringComparison.Ordinal);
        auth.ShouldBeGreaterThan(html.IndexOf("name=\"host\"", StringComparison.Ordinal));
        advanced.ShouldBeGreaterThan(auth);
        html.IndexOf("name=\"user\"", StringComparison.Ordinal).ShouldBeInRange(auth, advanced);
        html.IndexOf("name=\"password\"", StringComparison.Ordinal).ShouldBeInRange(auth, advanced);
        html.IndexOf("name=\"port\"", StringComparison.Ordinal).ShouldBeGreaterThan(advanced);
    }

    [Fact]
    public void OptionalFields_AreFoldedUnderOptionalFields_AndRequiredOnesStayInView()
    {
        var html = FormMarkup.Fields(Form());

        var folded = html.IndexOf("<details class=\"optional\"><summary>Optional fields (", StringComparison.Ordinal);
        folded.ShouldBeGreaterThan(html.IndexOf("name=\"host\"", StringComparison.Ordinal));
        html.IndexOf("name=\"jdbc\"", StringComparison.Ordinal).ShouldBeGreaterThan(folded);
        html.IndexOf("data-list=\"servers\"", StringComparison.Ordinal).ShouldBeGreaterThan(folded);
    }

    [Fact]
    public void AFoldedFieldHoldingAValueOrAMessage_OpensItsSection()
    {
        var typed = FormMarkup.Fields(Form(), new FormValues().Add("host", "db").Add("jdbc", "ssl=true").Add("timeout", string.Empty));
        var errors = new FormErrors();
        errors.AddField("timeout", "Timeout must be a whole number.");
        var refused = FormMarkup.Fields(Form(), new FormValues().Add("timeout", "x"), errors);

        typed.ShouldContain("<details class=\"optional\" open><summary>");
        refused.ShouldContain("<details class=\"optional\" open><summary>");
    }

    [Fact]
    public void AFieldMarkedAlwaysShow_AndAFormWithFewOptionalFields_KeepThemInView()
    {
        var fields = Form().Schema.Model.Fields.Select(f => new FieldAt(f.Name == "jdbc" ? f with { AlwaysShow = true } : f, f.Path)).ToList();

        var blocks = FieldLayout.Arrange(fields);
        var salesforce = FormMarkup.Fields(AccountForm.For("Salesforce", FormSchema.Load(File.ReadAllText(
            Path.Combine(FixtureFolders.PathOf(Fixtures.Salesforce), "schemas", "salesforce.standard.schema.json"))).Schema!));

        blocks[0].InView.Select(f => f.Field.Name).ShouldContain("jdbc");
        blocks[0].Folded.Select(f => f.Field.Name).ShouldNotContain("jdbc");
        blocks[0].Folded.Select(f => f.Field.Name).ShouldContain("schema");
        salesforce.ShouldNotContain("<details");
    }

    [Fact]
    public void NothingHidden_IsRendered_AtAnyKindOfNode()
    {
        // A hidden chooser is the model's to mark (airbyte_hidden next to oneOf); here it is marked by hand.
        var fields = Form().Schema.Model.Fields.Select(f => new FieldAt(f.Name == "old_mode" ? f with { Hidden = true } : f, f.Path)).ToList();
        var html = ComponentHtml.Render<FieldSections>(new Dictionary<string, object?>
        {
            [nameof(FieldSections.Fields)] = fields,
            [nameof(FieldSections.State)] = new FormState(new FormValues().Add("tunnel@", "1"), new FormErrors(), new HashSet<string>()),
        });

        html.ShouldNotContain("Legacy");
        html.ShouldNotContain("Old streams");
        html.ShouldNotContain("Old mode");
        html.ShouldNotContain("Internal flag");
        html.ShouldNotContain("old_");
        html.ShouldContain("name=\"tunnel@1.tunnel_host\"");
    }

    [Fact]
    public void AMultilineSecret_IsMaskedWithAShowControl_AcceptsAFile_AndIsNeverWrittenBack()
    {
        var html = FormMarkup.Fields(Form(), new FormValues().Add("client_key", "-----BEGIN PRIVATE KEY-----typed"), storedSecrets: new HashSet<string> { "client_key" });

        html.ShouldContain("<textarea class=\"secret-text\" id=\"f-client_005fkey\" name=\"client_key\"");
        html.ShouldContain("autocomplete=\"off\" spellcheck=\"false\"");
        html.ShouldContain("data-reveal=\"f-client_005fkey\"");
        html.ShouldContain("data-pem-for=\"f-client_005fkey\"");
        html.ShouldContain("Paste the file&#x27;s contents");
        html.ShouldContain("Set — leave empty to keep.");
        html.ShouldNotContain("typed");
    }

    [Fact]
    public void AList_CarriesABlankRowForTheScript_WithItsIndexLeftOpen()
    {
        var html = FormMarkup.Fields(Form());

        var template = html[html.IndexOf("<template class=\"row-template\">", StringComparison.Ordinal)..];
        template = template[..template.IndexOf("</template>", StringComparison.Ordinal)];
        template.ShouldContain("name=\"servers[].name\"");
        template.ShouldContain("name=\"remove-row\" value=\"servers[]\"");
        html.ShouldContain("aria-live=\"polite\" data-row-status");
    }

    [Fact]
    public void AfterAddARowWithoutJavaScript_TheNewRowsFirstInputHasTheFocus()
    {
        var values = new FormValues().Add("host", "db").Add("servers[0].name", "a").Add("servers[1]", string.Empty);

        var html = FormMarkup.Fields(Form(), values);

        html.ShouldContain("name=\"servers[1].name\" required autofocus");
        html.Split("autofocus").Length.ShouldBe(2);
    }
}
