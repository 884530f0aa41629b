using Flows.Web.Forms;

namespace Flows.Web.Tests;

/// <summary>
/// What published specs put in front of people: help written with HTML or Markdown links, and saved
/// values nested in choosers, read back on the connector page.
/// </summary>
public sealed class PublishedSpecRenderingTests : IAsyncLifetime
{
    private const string AddForm = "/connectors/fixture.good/new/fixture-good.basic";
    private const string Token = "tok-3f9a1c-secret";
    private WebSandbox _web = null!;

    public async Task InitializeAsync()
    {
        _web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));
        var path = Path.Combine(_web.Plugins.UserPlugins, Fixtures.Good, "schemas", "good.basic.schema.json");
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        schema.Remove("additionalProperties");
        schema["properties"]!.AsObject()["auth"] = JsonNode.Parse("""
            { "title": "Authentication", "type": "object", "order": 3, "oneOf": [
                { "title": "Access token", "required": ["token"], "properties": { "method": { "const": "token" }, "token": { "title": "Token", "type": "string", "airbyte_secret": true } } },
                { "title": "Username and password", "properties": { "method": { "const": "password" }, "user": { "title": "User", "type": "string" } } } ] }
            """);
        await File.WriteAllTextAsync(path, schema.ToJsonString());
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public void HelpWithHtmlOrMarkdownLinks_ShowsLinksThatOpenSafely_AndEverythingElseAsText()
    {
        var form = AccountForm.For("Database", FormSchema.Load("""
            { "type": "object", "properties": {
                "jdbc": { "type": "string", "title": "JDBC URL parameters", "description": "Read about <a href=\"https://jdbc.example/params\">JDBC URL parameters</a> <img src=x onerror=alert(1)>." },
                "ssl": { "type": "string", "title": "SSL", "description": "See [the **SSL** docs](https://ssl.example/docs) and [this](javascript:alert(2))." } } }
            """).Schema!);

        var html = FormHtml.Fields(form);

        html.ShouldContain("<a href=\"https://jdbc.example/params\" rel=\"noopener noreferrer\" target=\"_blank\">JDBC URL parameters</a>");
        html.ShouldContain("<a href=\"https://ssl.example/docs\" rel=\"noopener noreferrer\" target=\"_blank\">the <strong>SSL</strong> docs</a>");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("javascript:");
        html.ShouldNotContain("&lt;a href");
    }

    [Fact]
    public async Task TheConnectorPage_ShowsTheChosenOptionWithItsFieldsNested_AndItsSecretOnlyAsSet()
    {
        using var saved = await _web.Client.PostFormAsync(AddForm, AddForm,
            ("$label", "Nested"), ("host", "example.com"), ("apiKey", "api-key-value-1234"), ("auth@", "0"), ("auth@0.token", Token), ("action", "apply"));
        saved.StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        var (_, page) = await _web.Client.GetPageAsync(saved.Headers.Location!.ToString());

        page.ShouldContain("<dt>Authentication</dt><dd>Access token<dl class=\"nested\"><dt>Token</dt><dd>Set</dd></dl></dd>");
        page.ShouldNotContain(Token);
        page.ShouldNotContain("{&quot;");
    }
}
