namespace Flows.Web.Tests;

/// <summary>
/// Lists on the add page as a plain browser posts them: the good fixture connector, its schema given
/// an optional list of objects and a required list, as published database specs have them.
/// </summary>
public sealed class ListPagesTests : IAsyncLifetime
{
    private const string AddForm = "/connectors/fixture.good/new/fixture-good.basic";
    private WebSandbox _web = null!;

    private HttpClient Client => _web.Client;

    public async Task InitializeAsync()
    {
        _web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));
        var path = Path.Combine(_web.Plugins.UserPlugins, Fixtures.Good, "schemas", "good.basic.schema.json");
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        schema["required"]!.AsArray().Add("schemas");
        var properties = schema["properties"]!.AsObject();
        properties["schemas"] = JsonNode.Parse("""
            { "title": "Schemas", "type": "array", "minItems": 1, "order": 3, "items": { "type": "string" } }
            """);
        properties["tableFilters"] = JsonNode.Parse("""
            { "title": "Table Filters", "type": "array", "order": 4, "items": { "type": "object", "required": ["databaseName"], "properties": {
                "databaseName": { "title": "Database Name", "type": "string" }, "includeViews": { "title": "Include Views", "type": "boolean" } } } }
            """);
        await File.WriteAllTextAsync(path, schema.ToJsonString());
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private Task<HttpResponseMessage> Post(params (string Name, string Value)[] fields) =>
        Client.PostFormAsync(AddForm, AddForm, [("$label", "Lists"), ("host", "example.com"), ("apiKey", "s3cret-api-key-value"), .. fields]);

    [Fact]
    public async Task EnterInATextField_PressesSaveAndValidate_NeverARowsButton()
    {
        using var response = await Post(("schemas[0]", "public"), ("add-row", "tableFilters"));
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain("name=\"remove-row\" value=\"tableFilters[0]\"");
        ListFormHtmlTests.FirstSubmitButton(html).ShouldContain("name=\"action\" value=\"save-and-validate\"", customMessage: "a form's first submit button is the one Enter presses");
    }

    [Fact]
    public async Task AnOptionalListWithABlankRow_Saves()
    {
        using var response = await Post(("schemas[0]", "public"), ("tableFilters[0].databaseName", string.Empty), ("tableFilters[0].includeViews", "false"), ("action", "apply"));

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task RemovingTheLastRowOfAnOptionalList_LeavesNone()
    {
        using var response = await Post(("schemas[0]", "public"), ("tableFilters[0].databaseName", string.Empty), ("remove-row", "tableFilters[0]"));
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldNotContain("tableFilters[0]");
        html.ShouldContain("name=\"add-row\" value=\"tableFilters\"");
    }

    [Fact]
    public async Task ARequiredListLeftEmpty_ShowsItsMessageBesideIt_LinkedFromTheSummary()
    {
        using var response = await Post(("schemas[0]", string.Empty), ("action", "apply"));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("<p class=\"error\" id=\"f-schemas-error\" role=\"alert\">Schemas is required.</p>");
        html.ShouldContain("aria-describedby=\"f-schemas-error\"");
        html.ShouldContain("<a href=\"#f-schemas\">Schemas is required.</a>");
        html.ShouldContain("<legend>Schemas <span class=\"required\" aria-hidden=\"true\">*</span></legend>");
    }
}
