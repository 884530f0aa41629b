namespace Flows.Web.BrowserTests;

/// <summary>
/// A plugin whose every text is a script or markup payload (tests/Fixtures/HostilePlugin), and a user
/// who types payloads too: every screen shows them as literal text, and none of them ever runs.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed class HostilePluginTests(WebUiFixture fixture)
{
    private const string ScriptPayload = "<script>window.__pwned=1;alert(1)</script>";
    private const string ImagePayload = "<img src=x onerror=\"window.__pwned=2;alert(2)\">";
    private const string AttributePayload = "\"><svg onload=\"window.__pwned=3;alert(3)\">";
    private const string TextareaPayload = "</textarea><script>window.__pwned=5;alert(5)</script>";
    private const string ConnectorPage = "/connectors/" + FixturePlugins.HostileId;
    private const string AddForm = ConnectorPage + "/new/" + FixturePlugins.HostileAccountType;

    [Fact]
    public async Task Payloads_in_a_plugins_manifest_and_schema_are_shown_as_text_on_every_screen_and_never_run()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var main = page.Locator("main");

        await page.GotoAsync("/");
        await Expect(main).ToContainTextAsync("Hostile " + ScriptPayload);
        await Expect(main).ToContainTextAsync("Hostile " + ImagePayload);

        await page.GotoAsync(ConnectorPage);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hostile " + ScriptPayload);
        await Expect(main).ToContainTextAsync(AttributePayload + " <a href=\"javascript:alert(4)\">javascript:alert(4)</a>");

        await page.GotoAsync(AddForm);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add Hostile " + ImagePayload);
        // The schema's root description is for developers; the form shows the manifest's description instead.
        await Expect(main).Not.ToContainTextAsync("Schema help");
        await Expect(page.Locator("label[for='f-host']")).ToContainTextAsync("Host " + ImagePayload);
        await Expect(page.Locator("label[for='f-region']")).ToContainTextAsync("<b onmouseover=");
        await Expect(page.Locator("#f-region option")).ToContainTextAsync([string.Empty, ScriptPayload, "</option></select>" + ImagePayload]);
        await Expect(page.Locator("#f-tier option")).ToContainTextAsync([string.Empty, "Free " + AttributePayload, "Paid " + ScriptPayload]);
        await Expect(page.Locator("#f-notes")).ToHaveValueAsync(TextareaPayload);
        await Expect(page.Locator("#f-host")).ToHaveAttributeAsync("placeholder", "\" autofocus onfocus=\"window.__pwned=7;alert(7)");
        await Expect(page.Locator("#f-_0024label")).ToHaveAttributeAsync("placeholder", "\"><script>window.__pwned=6;alert(6)</script>");

        await page.GotoAsync("/plugins");
        await Expect(main).ToContainTextAsync("Hostile " + ScriptPayload);

        await ShouldNotHaveRunAnythingAsync(session);
    }

    [Fact]
    public async Task Payloads_typed_into_the_form_come_back_as_text_in_the_inputs_and_on_the_connector_page()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("<script>window.__pwned=12;alert(12)</script>");
        const string host = "\"><img src=x onerror=\"window.__pwned=13;alert(13)\">";
        const string notes = "</textarea><script>window.__pwned=14;alert(14)</script>";
        await page.GotoAsync(AddForm);

        await page.Locator("#f-_0024label").FillAsync(label);
        await page.Locator("#f-host").FillAsync(host);
        await page.Locator("#f-apiKey").FillAsync("rejected");
        await page.GetByText("Optional fields").ClickAsync();
        await page.Locator("#f-notes").FillAsync(notes);
        await Button(page, "Save & Validate").ClickAsync();

        // The validator refuses with markup of its own, next to the field and in the summary.
        await WaitForRefusalAsync(page);
        await Expect(page.Locator("#summary")).ToContainTextAsync("Rejected <script>window.__pwned=9;alert(9)</script>");
        (await DescriptionAsync(page, page.Locator("#f-apiKey"))).ShouldContain("Bad key <img src=x onerror=\"window.__pwned=10;alert(10)\">");
        await Expect(page.Locator("#f-_0024label")).ToHaveValueAsync(label);
        await Expect(page.Locator("#f-host")).ToHaveValueAsync(host);
        await Expect(page.Locator("#f-notes")).ToHaveValueAsync(notes);
        await Expect(page.Locator("#f-apiKey")).ToHaveValueAsync(string.Empty);

        await page.Locator("#f-apiKey").FillAsync("ok");
        await Button(page, "Save & Validate").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/connectors/fixture\.hostile\?account=[^&]+&notice=saved$"));
        (await SelectedTextAsync(AccountDropdown(page))).ShouldContain(label);
        await Expect(page.Locator(".notice")).ToContainTextAsync("Signed in as <svg onload=\"window.__pwned=11;alert(11)\">");
        await Expect(page.Locator("article.account")).ToContainTextAsync(host);
        await Expect(page.Locator("article.account h3")).ToHaveTextAsync(label);

        await ShouldNotHaveRunAnythingAsync(session);
    }

    private static async Task ShouldNotHaveRunAnythingAsync(BrowserSession session)
    {
        (await session.Page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'")).ShouldBeTrue("a payload ran");
        session.ShouldBeClean();
    }
}
