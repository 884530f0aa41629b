using System.Net.Http.Json;

namespace Flows.Web.BrowserTests;

/// <summary>
/// The connector page beyond a page of accounts: the search box narrows the dropdown as a label is
/// typed, on a phone-sized window, from the keyboard alone.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed class AccountSearchTests(WebUiFixture fixture)
{
    [Fact]
    public async Task With_60_accounts_typing_part_of_a_label_narrows_the_dropdown_and_the_keyboard_opens_one_at_360_px()
    {
        // A server of its own: 60 accounts would make every other test's connector page a searched one.
        await using var server = await fixture.StartAnotherServerAsync(new Dictionary<string, string>());
        for (var i = 0; i < 60; i++)
        {
            using var created = await server.Client.PostAsJsonAsync("/api/accounts", new
            {
                accountTypeId = "salesforce.standard",
                label = $"Team {i:00}",
                values = new { username = $"team{i:00}@example.com", password = "p", securityToken = "t", loginUrl = fixture.SalesforceUrl },
                validate = false,
            });
            created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        await using var session = await fixture.OpenAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } }, server);
        var page = session.Page;
        await page.GotoAsync("/connectors/flows.salesforce");
        var dropdown = page.Locator("select#account");
        await Expect(dropdown.Locator("option")).ToHaveCountAsync(50);
        await Expect(page.Locator("#account-find-status")).ToContainTextAsync("The first 50 accounts are listed");

        await TabToAsync(page, "account-find");
        await page.Keyboard.TypeAsync("team 5");

        await Expect(dropdown.Locator("option")).ToHaveCountAsync(10);
        (await dropdown.Locator("option").AllTextContentsAsync()).ShouldAllBe(text => text.StartsWith("Team 5", StringComparison.Ordinal));
        await Expect(page.Locator("#account-find-status")).ToHaveTextAsync("Accounts whose label contains “team 5”.");

        await TabToAsync(page, "account");
        var target = await dropdown.Locator("option", new() { HasTextString = "Team 53" }).GetAttributeAsync("value");
        var index = await dropdown.EvaluateAsync<int>("s => s.selectedIndex");
        var targetIndex = await dropdown.EvaluateAsync<int>("(s, v) => [...s.options].findIndex(o => o.value === v)", target);
        for (; index != targetIndex; index += index < targetIndex ? 1 : -1)
        {
            await page.Keyboard.PressAsync(index < targetIndex ? "ArrowDown" : "ArrowUp");
        }

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("article.account h3")).ToHaveTextAsync("Team 53");
        (await dropdown.InputValueAsync()).ShouldBe(target);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "nothing sticks out of a 360 px window");
        session.ShouldBeClean();
    }

    // Tab through the page, as a keyboard user does, until the element with this id has the focus.
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new ShouldAssertException($"#{id} was not reached by 40 presses of Tab");
    }
}
