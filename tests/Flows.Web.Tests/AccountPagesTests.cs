namespace Flows.Web.Tests;

/// <summary>
/// The screens without JavaScript, as a plain browser posts them: real Kestrel, real SQLite, the
/// good fixture connector (its validator rejects the API key "wrong" and cannot reach host "down").
/// </summary>
public sealed partial class AccountPagesTests : IAsyncLifetime
{
    private const string AddForm = "/connectors/fixture.good/new/fixture-good.basic";
    private const string Secret = "s3cret-api-key-value";
    private WebSandbox _web = null!;

    private HttpClient Client => _web.Client;

    public async Task InitializeAsync() => _web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private Task<HttpResponseMessage> Add(string label, string host, string apiKey, string action) =>
        Client.PostFormAsync(AddForm, AddForm, ("$label", label), ("host", host), ("apiKey", apiKey), ("action", action));

    [Fact]
    public async Task ConnectorPage_StartsLoadingTheConnectorsCode_SoTheFirstCheckDoesNotWaitForIt()
    {
        var catalog = _web.App.Services.GetRequiredService<Flows.Host.Plugins.PluginCatalog>();
        await Client.GetPageAsync("/");
        catalog.IsActivationStarted("fixture.good").ShouldBeFalse("listing connectors loads no plugin code");

        var (status, _) = await Client.GetPageAsync("/connectors/fixture.good");

        status.ShouldBe(HttpStatusCode.OK);
        catalog.IsActivationStarted("fixture.good").ShouldBeTrue();
    }

    [Fact]
    public async Task Apply_SavesAsNotValidated_AndReturnsToTheConnectorWithTheAccountSelected()
    {
        using var response = await Add("Sales", "example.com", Secret, "apply");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/connectors/fixture.good?account=");
        var (_, page) = await Client.GetPageAsync(location);
        SelectedOption(page).ShouldBe("Sales — Not validated");
        page.ShouldContain("Saved “Sales”");
        page.ShouldContain(">Validate</button>");
        WebUtility.HtmlDecode(page).ShouldContain("data-busy=\"Checking with Good fixture…\"", customMessage: "the script shows it while the connector checks");
        page.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task SaveAndValidate_WhenTheConnectorAccepts_SavesAsValidWithItsSummary()
    {
        using var response = await Add("Ops", "example.com", Secret, "save-and-validate");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var (_, page) = await Client.GetPageAsync(response.Headers.Location!.ToString());
        SelectedOption(page).ShouldBe("Ops — Valid");
        page.ShouldContain("badge-valid");
    }

    [Fact]
    public async Task SaveAndValidate_WhenTheConnectorRejects_ShowsTheMessageBesideTheFieldAndSavesNothing()
    {
        using var response = await Add("Rejected", "example.com", "wrong", "save-and-validate");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Nothing was saved");
        var error = ErrorOf(html, "apiKey");
        error.ShouldNotBeNullOrWhiteSpace();
        html.ShouldContain("aria-describedby=\"f-apiKey-help f-apiKey-set f-apiKey-error\"");
        html.ShouldContain("value=\"example.com\"", customMessage: "what was typed stays");
        html.ShouldContain("value=\"Rejected\"");
        Regex.IsMatch(html, "name=\"apiKey\"[^>]*value=").ShouldBeFalse("a secret is never written into a page");
        (await Client.GetPageAsync("/connectors/fixture.good")).Html.ShouldContain("No accounts yet");
    }

    [Fact]
    public async Task SaveAndValidate_WhenTheServiceCannotBeReached_LeadsWithApplyAsItAdvises_AndKeepsTheCheckAtHand()
    {
        using var response = await Add("Later", "down", Secret, "save-and-validate");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("The service is down for maintenance; try again later.");
        html.ShouldContain("Use <strong>Apply</strong> to save it without checking.");
        var buttons = Regex.Matches(html, "<button type=\"submit\" name=\"action\" value=\"(?<action>[a-z-]+)\" class=\"(?<kind>[a-z -]+)\"")
            .Select(m => $"{m.Groups["action"].Value} {m.Groups["kind"].Value}")
            .ToList();
        buttons.ShouldBe(["apply visually-hidden", "apply primary", "save-and-validate secondary", "cancel secondary"], "Enter presses Apply; Save & Validate stays to try again");
    }

    [Fact]
    public async Task SaveAndValidate_WhenRequiredFieldsAreEmpty_NamesEachField()
    {
        using var response = await Add(string.Empty, string.Empty, string.Empty, "save-and-validate");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        ErrorOf(html, "_0024label").ShouldBe("Label is required.");
        ErrorOf(html, "host").ShouldNotBeNull().ShouldContain("Host");
        ErrorOf(html, "apiKey").ShouldNotBeNull().ShouldContain("API key");
    }

    [Fact]
    public async Task Cancel_SavesNothing_AndGoesBack()
    {
        using var response = await Add("Cancelled", "example.com", Secret, "cancel");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().ShouldBe("/connectors/fixture.good");
        (await Client.GetPageAsync("/connectors/fixture.good")).Html.ShouldContain("No accounts yet");
    }

    [Fact]
    public async Task Edit_WithoutRetypingTheSecret_KeepsIt_AndTheFormNeverShowsIt()
    {
        using var added = await Add("Before", "example.com", Secret, "save-and-validate");
        var id = AccountId(added);
        var edit = $"/accounts/{id}/edit";

        var (_, form) = await Client.GetPageAsync(edit);
        form.ShouldContain("Set — leave empty to keep");
        form.ShouldContain("value=\"example.com\"");
        form.ShouldNotContain(Secret);

        using var saved = await Client.PostFormAsync(edit, edit, ("$label", "After"), ("host", "example.com"), ("apiKey", string.Empty), ("action", "save-and-validate"));
        saved.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var (_, page) = await Client.GetPageAsync(saved.Headers.Location!.ToString());
        SelectedOption(page).ShouldBe("After — Valid");
    }

    [Fact]
    public async Task Validate_FromTheConnectorPage_RecordsWhatTheConnectorSays()
    {
        using var added = await Add("Later", "down", Secret, "apply");
        var id = AccountId(added);

        using var response = await Client.PostFormAsync($"/connectors/fixture.good?account={id}", $"/accounts/{id}/validate");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var (_, page) = await Client.GetPageAsync(response.Headers.Location!.ToString());
        SelectedOption(page).ShouldStartWith("Later — Not checked");
        page.ShouldContain("Checked “Later”");
    }

    [Fact]
    public async Task Delete_AsksFirst_ThenRemovesTheAccount()
    {
        using var added = await Add("Doomed", "example.com", Secret, "apply");
        var id = AccountId(added);

        var (_, confirm) = await Client.GetPageAsync($"/accounts/{id}/delete");
        confirm.ShouldContain("Delete “Doomed”?");
        using var deleted = await Client.PostFormAsync($"/accounts/{id}/delete", $"/accounts/{id}/delete");

        deleted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var (_, page) = await Client.GetPageAsync(deleted.Headers.Location!.ToString());
        page.ShouldContain("The account was deleted.");
        page.ShouldContain("No accounts yet");
    }

    [Fact]
    public async Task DuplicateLabel_IsRefusedBesideTheLabel()
    {
        (await Add("Twin", "example.com", Secret, "apply")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        using var second = await Add(" twin ", "example.org", Secret, "apply");

        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await second.Content.ReadAsStringAsync(), "_0024label").ShouldNotBeNull().ShouldContain("already exists");
    }

    [Fact]
    public async Task UnknownConnectorOrAccount_IsAPageThatSaysSo()
    {
        var (status, html) = await Client.GetPageAsync("/connectors/no.such.plugin");
        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("There is no connector");

        (await Client.GetPageAsync("/accounts/missing/edit")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AddForm_AfterTheSchemaFileChanges_ShowsTheNewSchema()
    {
        (await Client.GetPageAsync(AddForm)).Html.ShouldContain(">Host <span class=\"required\"");
        var schema = Path.Combine(_web.Plugins.UserPlugins, Fixtures.Good, "schemas", "good.basic.schema.json");
        await File.WriteAllTextAsync(schema, (await File.ReadAllTextAsync(schema)).Replace("\"title\": \"Host\"", "\"title\": \"Server name\"", StringComparison.Ordinal));

        var (_, html) = await Client.GetPageAsync(AddForm);

        html.ShouldContain(">Server name <span class=\"required\"");
        html.ShouldNotContain(">Host <span");
    }

    [Fact]
    public async Task AnAddressThatNamesNothing_IsAPageForPeopleAndAProblemForTheApi()
    {
        var (status, html) = await Client.GetPageAsync("/no/such/page");
        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("There is no page at this address.");

        using var api = await Client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync()).ShouldContain("/api/openapi.json");
    }

    [Fact]
    public async Task Edit_OfAnAccountChangedSinceTheFormWasOpened_KeepsWhatWasTyped_AndSaysSoInsteadOfOverwriting()
    {
        var id = AccountId(await Add("Shared", "example.com", Secret, "apply"));
        var edit = $"/accounts/{id}/edit";
        var opened = VersionOf((await Client.GetPageAsync(edit)).Html);
        using (var theirs = await Client.PostFormAsync(edit, edit, ("$label", "Shared"), ("host", "theirs.example"), ("apiKey", string.Empty), ("$version", opened), ("action", "apply")))
        {
            theirs.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        }

        using var mine = await Client.PostFormAsync(edit, edit, ("$label", "Shared (mine)"), ("host", "mine.example"), ("apiKey", "my-new-secret-value"), ("$version", opened), ("action", "apply"));

        mine.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await mine.Content.ReadAsStringAsync();
        html.ShouldContain("This account was changed since you opened it");
        html.ShouldContain("value=\"mine.example\"");
        html.ShouldContain("value=\"Shared (mine)\"");
        html.ShouldNotContain("my-new-secret-value");
        VersionOf(html).ShouldBe(opened, "pressing the button again must not overwrite the newer values either");
        (await Client.GetPageAsync(edit)).Html.ShouldContain("value=\"theirs.example\"");
    }

    [Fact]
    public async Task Edit_OfAnAccountDeletedSinceTheFormWasOpened_SaysItWasDeleted_AndDoesNotBringItBack()
    {
        var id = AccountId(await Add("Doomed", "example.com", Secret, "apply"));
        var edit = $"/accounts/{id}/edit";
        var opened = VersionOf((await Client.GetPageAsync(edit)).Html);
        using (var deleted = await Client.PostFormAsync($"/accounts/{id}/delete", $"/accounts/{id}/delete"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        }

        using var saved = await Client.PostFormAsync(AddForm, edit, ("$label", "Doomed"), ("host", "example.org"), ("apiKey", string.Empty), ("$version", opened), ("action", "apply"));

        saved.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await saved.Content.ReadAsStringAsync()).ShouldContain("This account was deleted since you opened it");
        (await Client.GetPageAsync(edit)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALabelWithATextDirectionControl_IsRefusedBesideTheLabel()
    {
        using var added = await Add("invoice\u202Efdp.exe", "example.com", Secret, "apply");

        added.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ErrorOf(await added.Content.ReadAsStringAsync(), "_0024label").ShouldNotBeNull().ShouldContain("text-direction controls");
    }

    private static string VersionOf(string html) =>
        Regex.Match(html, "name=\"\\$version\" value=\"([0-9]+)\"") is { Success: true } m
            ? m.Groups[1].Value
            : throw new ShouldAssertException("The edit form carries no version.");

    private static string AccountId(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, response.Content.ReadAsStringAsync().Result);
        return AccountParameter().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    private static string? SelectedOption(string html) =>
        SelectedOptionText().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string? ErrorOf(string html, string fieldId) =>
        Regex.Match(html, $"id=\"f-{fieldId}-error\" role=\"alert\">([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("account=([^&]+)")]
    private static partial Regex AccountParameter();

    [GeneratedRegex("<option value=\"[^\"]*\" selected>([^<]*)</option>")]
    private static partial Regex SelectedOptionText();
}
