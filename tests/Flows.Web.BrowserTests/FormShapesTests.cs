using System.Text.RegularExpressions;

namespace Flows.Web.BrowserTests;

/// <summary>
/// A form shaped like a long published spec (the form-shapes fixture): list rows added and removed in
/// place, optional fields folded away, a masked multi-line key, and nothing wider than a phone.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed partial class FormShapesTests(WebUiFixture fixture)
{
    private const string AddWarehouse = "/connectors/" + FixturePlugins.FormShapesId + "/new/" + FixturePlugins.FormShapesAccountType;
    private const string AddReport = "/connectors/" + FixturePlugins.FormShapesId + "/new/" + FixturePlugins.FormShapesReportType;

    private static ILocator Named(IPage page, string name) => page.Locator($"[name='{name}']");

    private static Task<string> FocusedNameAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.getAttribute('name') || '' : ''");

    [Fact]
    public async Task List_rows_are_added_and_removed_in_place_keeping_everything_typed_secrets_included()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        await page.GotoAsync(AddWarehouse);

        await Named(page, "streams[0].name").FillAsync("orders");
        await Named(page, "streams[0].api_key").FillAsync("KEY-zero-typed");
        await Button(page, "Add a row").ClickAsync();
        (await FocusedNameAsync(page)).ShouldBe("streams[1].name");
        await page.Keyboard.TypeAsync("customers");
        await Named(page, "streams[1].api_key").FillAsync("KEY-one-typed");
        await page.Locator("[name='streams[1].format@'][value='1']").CheckAsync();
        await Expect(Named(page, "streams[1].format@1.batch_size")).ToBeVisibleAsync();
        await Expect(Named(page, "streams[0].format@1.batch_size")).ToBeHiddenAsync();
        await Button(page, "Add a row").ClickAsync();
        (await FocusedNameAsync(page)).ShouldBe("streams[2].name");
        await page.Keyboard.TypeAsync("refunds");

        await Button(page, "Remove Stream 2").ClickAsync();

        await Expect(Named(page, "streams[1].name")).ToHaveCountAsync(0);
        await Expect(Named(page, "streams[0].name")).ToHaveValueAsync("orders");
        await Expect(Named(page, "streams[0].api_key")).ToHaveValueAsync("KEY-zero-typed");
        await Expect(Named(page, "streams[2].name")).ToHaveValueAsync("refunds");
        (await FocusedNameAsync(page)).ShouldBe("streams[2].name");
        await Expect(page.Locator("fieldset.list [data-row-status]")).ToHaveTextAsync("Stream 2 removed.");
        posts.ShouldBe(0);

        await page.GetByLabel("Label").FillAsync(UniqueLabel("Rows"));
        await Named(page, "host").FillAsync("warehouse.example.com");
        await Button(page, "Apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(SavedWarehouse());
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Without_javascript_a_row_added_by_the_server_gets_the_focus()
    {
        await using var session = await fixture.OpenAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync(AddWarehouse);
        await Named(page, "streams[0].name").FillAsync("orders");

        await Button(page, "Add a row").ClickAsync();

        await Expect(Named(page, "streams[1].name")).ToBeFocusedAsync();
        await Expect(Named(page, "streams[0].name")).ToHaveValueAsync("orders");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Optional_fields_are_folded_away_until_opened_and_sections_have_headings()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(AddWarehouse);

        var jdbc = page.GetByLabel("JDBC URL parameters");
        await Expect(jdbc).Not.ToBeVisibleAsync();
        await Expect(Named(page, "host")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Replication" })).ToBeVisibleAsync();

        await page.GetByText("Optional fields (3)").ClickAsync();

        await Expect(jdbc).ToBeVisibleAsync();
        await jdbc.FillAsync("ssl=true");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_multiline_secret_is_masked_shown_on_request_and_read_from_a_file()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(AddWarehouse);
        await page.GetByLabel("SSH key", new() { Exact = true }).CheckAsync();
        var key = page.GetByLabel("SSH private key");
        await key.FillAsync("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-typed\n-----END OPENSSH PRIVATE KEY-----");

        (await MaskOfAsync(key)).ShouldBe("disc");
        await Expect(key).ToHaveAttributeAsync("autocomplete", "off");
        await Expect(key).ToHaveAttributeAsync("spellcheck", "false");
        var show = Button(page, "Show SSH private key");
        await show.ClickAsync();
        (await MaskOfAsync(key)).ShouldBe("none");
        await Expect(Button(page, "Hide SSH private key")).ToHaveAttributeAsync("aria-pressed", "true");
        await Button(page, "Hide SSH private key").ClickAsync();
        (await MaskOfAsync(key)).ShouldBe("disc");

        const string Pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nfrom-a-file\n-----END OPENSSH PRIVATE KEY-----\n";
        var picker = page.Locator("[data-pem-for='" + await key.GetAttributeAsync("id") + "']");
        await picker.SetInputFilesAsync(new FilePayload { Name = "id_ed25519", MimeType = "text/plain", Buffer = System.Text.Encoding.ASCII.GetBytes(Pem) });
        await Expect(key).ToHaveValueAsync(Pem);
        await picker.SetInputFilesAsync(new FilePayload { Name = "huge.pem", MimeType = "text/plain", Buffer = new byte[70 * 1024] });
        await Expect(page.Locator(".pem-status").First).ToContainTextAsync("at most 64 KB");
        await Expect(key).ToHaveValueAsync(Pem);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Without_javascript_a_multiline_secret_is_still_masked_and_says_to_paste_the_file()
    {
        await using var session = await fixture.OpenAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync(AddWarehouse);

        var key = page.GetByLabel("SSH private key");
        (await MaskOfAsync(key)).ShouldBe("disc");
        await Expect(page.GetByText("Paste the file's contents").First).ToBeVisibleAsync();
        await Expect(page.Locator("button[data-reveal]")).ToBeHiddenAsync();
        session.ShouldBeClean();
    }

    [Theory]
    [InlineData("/connectors/flows.postgresql/new/postgresql.password")]
    [InlineData("/connectors/flows.postgresql/new/postgresql.certificate")]
    [InlineData(AddStandard)]
    [InlineData(AddWarehouse)]
    public async Task At_360_pixels_wide_a_form_with_everything_opened_does_not_scroll_sideways(string path)
    {
        await using var session = await fixture.OpenAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = session.Page;
        await page.GotoAsync(path);

        // Every fold opened, the deepest options chosen, a row added: the widest the form gets.
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        if (path == AddWarehouse)
        {
            await page.GetByLabel("SSH key", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Password", new() { Exact = true }).CheckAsync();
            await Button(page, "Add a row").ClickAsync();
            await page.Locator("[name='streams[1].format@'][value='1']").EvaluateAsync("r => r.click()");
            await Expect(Named(page, "streams[1].format@1.batch_size")).ToBeVisibleAsync();
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{path}: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        session.ShouldBeClean();
    }

    private static Task<string> MaskOfAsync(ILocator field) => field.EvaluateAsync<string>("e => getComputedStyle(e).webkitTextSecurity");

    [Fact]
    public async Task A_set_of_choices_is_ticked_saved_and_shown_ticked_again_and_left_empty_when_required_says_so_at_once()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        await page.GotoAsync(AddReport);
        var states = page.Locator("fieldset.choice-set[data-list=states]");
        await Expect(states.Locator("input[type=checkbox]")).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "campaigns", Exact = true })).ToBeCheckedAsync();
        await Expect(page.Locator("fieldset.list[data-list=tags] button[name=add-row]")).ToBeVisibleAsync();
        await page.GetByLabel("Label").FillAsync(UniqueLabel("Report"));
        await Named(page, "profile").FillAsync("seller-1");

        await Button(page, "Apply").ClickAsync();

        await Expect(page.Locator("#f-states-error")).ToHaveTextAsync("Campaign states is required: choose at least one.");
        await Expect(states).ToHaveAttributeAsync("aria-describedby", new Regex("f-states-error"));
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "enabled" })).ToBeFocusedAsync();
        posts.ShouldBe(0);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#f-states-error")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "archived" }).CheckAsync();
        await Button(page, "Apply").ClickAsync();

        await Expect(page).ToHaveURLAsync(SavedWarehouse());
        await Expect(page.Locator("main")).ToContainTextAsync("paused");
        var id = new Regex("account=([^&]+)").Match(page.Url).Groups[1].Value;
        await page.GotoAsync($"/accounts/{id}/edit");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "enabled" })).Not.ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "paused" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "archived" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "campaigns", Exact = true })).ToBeCheckedAsync();

        // An optional set emptied saves empty.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "campaigns", Exact = true }).UncheckAsync();
        await Button(page, "Apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(SavedWarehouse());
        await page.GotoAsync($"/accounts/{id}/edit");
        await Expect(page.Locator("fieldset.choice-set[data-list=record_types] input:checked")).ToHaveCountAsync(0);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Without_javascript_a_required_set_of_choices_left_empty_is_refused_with_its_message_beside_it()
    {
        await using var session = await fixture.OpenAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync(AddReport);
        await page.GetByLabel("Label").FillAsync(UniqueLabel("Report"));
        await Named(page, "profile").FillAsync("seller-1");

        await Button(page, "Apply").ClickAsync();

        await WaitForRefusalAsync(page);
        await Expect(page.Locator("#f-states-error")).ToContainTextAsync("Campaign states");
        await Expect(page.Locator(".summary a[href='#f-states']")).ToBeVisibleAsync();
        await Expect(Named(page, "profile")).ToHaveValueAsync("seller-1");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "campaigns", Exact = true })).ToBeCheckedAsync();
        session.ShouldBeClean();
    }

    [GeneratedRegex(@"/connectors/fixture\.shapes\?account=[^&]+&notice=saved$")]
    private static partial Regex SavedWarehouse();
}
