namespace Flows.Web.BrowserTests;

/// <summary>The Plugins and Connectors screens show a plugin that failed, and why.</summary>
[Collection(WebUiTests.Name)]
public sealed class PluginsPageTests(WebUiFixture fixture)
{
    [Fact]
    public async Task The_plugins_page_lists_a_faulted_plugin_with_its_stage_and_reason()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/plugins");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Throwing constructor fixture" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Faulted");
        await Expect(row).ToContainTextAsync("At compose:");
        await Expect(row).ToContainTextAsync("InvalidOperationException: boom from constructor");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        var salesforce = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "flows.salesforce" });
        await Expect(salesforce).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(page, "plugins");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task The_connectors_page_shows_the_faulted_connector_without_an_add_link_and_says_why()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        var card = page.Locator(".card").Filter(new() { HasText = "Throwing constructor fixture" });
        await Expect(card).ToContainTextAsync("Faulted");
        await Expect(card).ToContainTextAsync("boom from constructor");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Add Throwing fixture account" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add Salesforce.com account", Exact = true })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "connectors");
        session.ShouldBeClean();
    }
}
