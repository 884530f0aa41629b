namespace Flows.Web.Tests;

/// <summary>
/// Secrets typed into the add form survive the round trips that do not save it (rows added and
/// removed without JavaScript, a refused post) without ever being written into the page in clear.
/// </summary>
public sealed partial class SecretDraftPagesTests : IAsyncLifetime
{
    private const string AddForm = "/connectors/fixture.good/new/fixture-good.basic";
    private const string ApiKey = "s3cret-api-key-value";
    private const string ReplicaPassword = "replica-pa55word-value";
    private WebSandbox _web = null!;

    public async Task InitializeAsync()
    {
        _web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));
        var path = Path.Combine(_web.Plugins.UserPlugins, Fixtures.Good, "schemas", "good.basic.schema.json");
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        schema["properties"]!.AsObject()["replicas"] = JsonNode.Parse("""
            { "title": "Replicas", "type": "array", "order": 3, "items": { "type": "object", "required": ["host"], "properties": {
                "host": { "title": "Replica host", "type": "string" }, "password": { "title": "Replica password", "type": "string", "airbyte_secret": true } } } }
            """);
        await File.WriteAllTextAsync(path, schema.ToJsonString());
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private static Task<HttpResponseMessage> Post(HttpClient client, params (string Name, string Value)[] fields) =>
        client.PostFormAsync(AddForm, AddForm, [("$label", "Drafts"), ("host", "example.com"), .. fields]);

    [Fact]
    public async Task AddingARowWithoutJavaScript_KeepsTheTypedSecret_SealedAndNeverInClear()
    {
        using var added = await Post(_web.Client, ("apiKey", ApiKey), ("add-row", "replicas"));
        var html = await added.Content.ReadAsStringAsync();

        html.ShouldNotContain(ApiKey);
        html.ShouldContain("Set — leave empty to keep.");
        var draft = Draft(html);

        using var saved = await Post(_web.Client, ("apiKey", string.Empty), ("replicas[0].host", "replica.example.com"), ("$drafts", draft), ("action", "apply"));

        saved.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await SavedValues())["apiKey"]!.GetValue<string>().ShouldBe(ApiKey);
    }

    [Fact]
    public async Task ARefusedPost_KeepsTheSecretsOfEveryRow_AndAnotherTryWithThemEmptySavesThem()
    {
        using var refused = await Post(_web.Client, ("apiKey", ApiKey), ("replicas[0].host", string.Empty), ("replicas[0].password", ReplicaPassword), ("action", "apply"));
        var html = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldNotContain(ReplicaPassword);
        html.ShouldNotContain(ApiKey);

        using var saved = await Post(_web.Client, ("apiKey", string.Empty), ("replicas[0].host", "replica.example.com"), ("replicas[0].password", string.Empty), ("$drafts", Draft(html)), ("action", "apply"));

        saved.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var values = await SavedValues();
        values["apiKey"]!.GetValue<string>().ShouldBe(ApiKey);
        values["replicas"]![0]!["password"]!.GetValue<string>().ShouldBe(ReplicaPassword);
    }

    [Fact]
    public async Task RemovingARow_DropsTheSecretsTypedInIt()
    {
        using var removed = await Post(_web.Client, ("apiKey", ApiKey), ("replicas[0].host", "a.example.com"), ("replicas[0].password", ReplicaPassword), ("remove-row", "replicas[0]"));
        var html = await removed.Content.ReadAsStringAsync();

        using var saved = await Post(_web.Client, ("apiKey", string.Empty), ("$drafts", Draft(html)), ("action", "apply"));

        saved.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var values = await SavedValues();
        values["apiKey"]!.GetValue<string>().ShouldBe(ApiKey);
        values.ContainsKey("replicas").ShouldBeFalse();
    }

    [Fact]
    public async Task ClearingAKeptSecret_LeavesItOut()
    {
        using var added = await Post(_web.Client, ("apiKey", ApiKey), ("add-row", "replicas"));
        var draft = Draft(await added.Content.ReadAsStringAsync());

        using var refused = await Post(_web.Client, ("apiKey", string.Empty), ("apiKey!clear", "true"), ("$drafts", draft), ("action", "apply"));
        var html = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("API key is required.");
    }

    [Fact]
    public async Task ADraftTakenToAnotherBrowser_IsNotOpened_AndNothingIsSaved()
    {
        using var added = await Post(_web.Client, ("apiKey", ApiKey), ("add-row", "replicas"));
        var draft = Draft(await added.Content.ReadAsStringAsync());
        using var otherBrowser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _web.BaseAddress };

        using var refused = await Post(otherBrowser, ("apiKey", string.Empty), ("$drafts", draft), ("action", "apply"));
        var html = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("The secrets you typed earlier in this form were not kept");
        (await Store().ListAsync()).ShouldBeEmpty();
    }

    private AccountStore Store() => _web.App.Services.GetRequiredService<AccountStore>();

    private async Task<JsonObject> SavedValues()
    {
        var summary = (await Store().ListAsync()).ShouldHaveSingleItem();
        return (await Store().GetAsync(summary.Id))!.GetValues();
    }

    private static string Draft(string html)
    {
        var match = DraftField().Match(html);
        match.Success.ShouldBeTrue("the page carries the typed secrets, sealed");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"\\$drafts\" value=\"([^\"]+)\"")]
    private static partial Regex DraftField();
}
