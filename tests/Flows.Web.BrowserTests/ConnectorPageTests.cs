namespace Flows.Web.BrowserTests;

/// <summary>The account dropdown of the connector page, from the keyboard and with the mouse.</summary>
[Collection(WebUiTests.Name)]
public sealed class ConnectorPageTests(WebUiFixture fixture)
{
    [Fact]
    public async Task Arrow_keys_in_the_account_dropdown_do_not_leave_the_page_and_Show_opens_the_chosen_account()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var first = UniqueLabel("Alpha");
        var second = UniqueLabel("Beta");
        await AddValidatedStandardAsync(page, first, fixture.SalesforceUrl);
        await AddValidatedStandardAsync(page, second, fixture.SalesforceUrl);
        var shown = page.Url;

        var dropdown = AccountDropdown(page);
        var target = await dropdown.Locator("option", new() { HasTextString = first }).GetAttributeAsync("value");
        await dropdown.FocusAsync();
        var targetIndex = await dropdown.EvaluateAsync<int>("(s, v) => [...s.options].findIndex(o => o.value === v)", target);
        var index = await dropdown.EvaluateAsync<int>("s => s.selectedIndex");
        index.ShouldNotBe(targetIndex);
        for (; index != targetIndex; index += index < targetIndex ? 1 : -1)
        {
            await page.Keyboard.PressAsync(index < targetIndex ? "ArrowDown" : "ArrowUp");
        }

        // Had a key press submitted the form, the page would be loading another account by now.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.Url.ShouldBe(shown, "a keyboard user moving through the options stays on the page");
        (await dropdown.InputValueAsync()).ShouldBe(target);

        await Button(page, "Show").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"account={target}$"));
        await Expect(page.Locator("article.account h3")).ToHaveTextAsync(first);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Picking_an_account_with_the_pointer_opens_it_at_once()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var first = UniqueLabel("Gamma");
        await AddValidatedStandardAsync(page, first, fixture.SalesforceUrl);
        await AddValidatedStandardAsync(page, UniqueLabel("Delta"), fixture.SalesforceUrl);
        var dropdown = AccountDropdown(page);
        var target = await dropdown.Locator("option", new() { HasTextString = first }).GetAttributeAsync("value");

        // What a mouse or finger does to a native dropdown: press on it, then pick an option.
        await dropdown.DispatchEventAsync("pointerdown");
        await dropdown.SelectOptionAsync(target!);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"account={target}$"));
        await Expect(page.Locator("article.account h3")).ToHaveTextAsync(first);
        session.ShouldBeClean();
    }
}
