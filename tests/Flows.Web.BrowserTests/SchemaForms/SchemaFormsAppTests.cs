using System.Text.Json.Nodes;
using static Flows.Web.BrowserTests.SchemaForms.FormPageChecks;

namespace Flows.Web.BrowserTests.SchemaForms;

/// <summary>
/// The built sample app's sign-up form on a 360 px wide screen, with the keyboard alone: Tab goes
/// through it in order, a wrong post comes back with messages beside the fields and what was typed
/// (never the password), a right one shows the JSON received with the password masked, and an address
/// row comes and goes without the mouse.
/// </summary>
[Collection(SchemaFormsInChromium.Name)]
public sealed class SchemaFormsAppTests(SchemaFormsBrowser browser, SchemaFormsAppProcess app) : IClassFixture<SchemaFormsAppProcess>
{
    private const int MostTabs = 40;
    private const string SignUp = "Sign up";
    private const string ShortPassword = "Pw7x";
    private const string GoodPassword = "tall-Gecko-41-lantern";

    [Fact]
    public async Task Tab_goes_through_every_field_in_order_and_ends_on_the_sign_up_button()
    {
        await using var session = await browser.OpenAsync(app.Address);
        var page = session.Page;
        await page.GotoAsync("/");

        var stops = new List<string>();
        for (var i = 0; i < MostTabs && stops.LastOrDefault() != SignUp; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await FocusedNameAsync(page));
            await OpenIfFoldedAsync(page);
        }

        var order = string.Join(" → ", stops);
        stops.ShouldAllBe(stop => stop.Length > 0, order);
        stops.LastOrDefault().ShouldBe(SignUp, order);
        string[] fields = ["Your name", "Email", "Password", "Optional fields", "Age", "Plan", "Send me the newsletter", "Add a row", SignUp];
        stops.Select(stop => fields.FirstOrDefault(stop.StartsWith)).OfType<string>().Distinct().ShouldBe(fields, order);
        session.ShouldBeClean();
        await NothingShouldBeWiderThanTheWindowAsync(page);
    }

    [Fact]
    public async Task A_wrong_sign_up_comes_back_with_messages_and_what_was_typed_and_a_corrected_one_shows_what_was_received()
    {
        await using var session = await browser.OpenAsync(app.Address);
        session.ExpectStatus(422);
        var page = session.Page;
        await page.GotoAsync("/");

        await TabToAsync(page, "Your name");
        await page.Keyboard.TypeAsync("A");
        await TabToAsync(page, "Email");
        await page.Keyboard.TypeAsync("not-an-email");
        await TabToAsync(page, "Password");
        await page.Keyboard.TypeAsync(ShortPassword);
        await TabToAsync(page, SignUp);
        await page.Keyboard.PressAsync("Enter");

        await WaitForRefusalAsync(page);
        var messages = string.Join(" | ", await MessagesBesideFieldsAsync(page));
        foreach (var field in new[] { "name", "email", "password" })
        {
            messages.ShouldContain($"f-{field}: ", Case.Sensitive, messages);
        }

        messages.ShouldNotContain(ShortPassword);
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Your name", Exact = true })).ToHaveValueAsync("A");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true })).ToHaveValueAsync("not-an-email");
        await AccountPages.ShouldNotShowAsync(page, ShortPassword);

        await TabToAsync(page, "Your name");
        await ReplaceAsync(page, "Ada Lovelace");
        await TabToAsync(page, "Email");
        await ReplaceAsync(page, "ada@example.com");
        await TabToAsync(page, "Password");
        await page.Keyboard.TypeAsync(GoodPassword);
        await TabToAsync(page, SignUp);
        await page.Keyboard.PressAsync("Enter");

        var result = page.Locator("section.schema-form-result pre");
        await Expect(result).ToBeVisibleAsync();
        var received = JsonNode.Parse(await result.TextContentAsync() ?? "null")!.AsObject();
        received["name"]!.GetValue<string>().ShouldBe("Ada Lovelace");
        received["email"]!.GetValue<string>().ShouldBe("ada@example.com");
        received["password"]!.GetValue<string>().ShouldNotBe(GoodPassword);
        await AccountPages.ShouldNotShowAsync(page, GoodPassword);
        await AccountPages.ShouldNotShowAsync(page, ShortPassword);
        session.ShouldBeClean();
        await NothingShouldBeWiderThanTheWindowAsync(page);
    }

    [Fact]
    public async Task An_address_row_is_added_and_removed_with_the_keyboard_alone()
    {
        await using var session = await browser.OpenAsync(app.Address);
        var page = session.Page;
        var rows = page.Locator("fieldset.list[data-list='addresses'] > .rows > .row");
        await page.GotoAsync("/");
        await Expect(rows).ToHaveCountAsync(0);

        await TabToAsync(page, "Add a row");
        await page.Keyboard.PressAsync("Enter");

        await Expect(rows).ToHaveCountAsync(1);
        (await FocusedNameAsync(page)).ShouldBe("Street");
        await page.Keyboard.TypeAsync("12 Long Lane");
        await EveryVisibleInputShouldHaveANameAsync(page);

        await TabToAsync(page, "Remove", prefix: true);
        await page.Keyboard.PressAsync("Enter");

        await Expect(rows).ToHaveCountAsync(0);
        (await FocusedNameAsync(page)).ShouldBe("Add a row");
        session.ShouldBeClean();
        await NothingShouldBeWiderThanTheWindowAsync(page);
    }

    [Fact]
    public async Task Add_a_row_is_offered_until_the_list_holds_its_maxItems_and_again_after_a_removal()
    {
        await using var session = await browser.OpenAsync(app.Address);
        var page = session.Page;
        var list = page.Locator("fieldset.list[data-list='addresses']");
        var add = list.Locator(":scope > button[name=add-row]");
        await page.GotoAsync("/");
        await page.Locator("details.optional > summary").ClickAsync();

        await add.ClickAsync();
        await add.ClickAsync();

        await Expect(list.Locator(":scope > .rows > .row")).ToHaveCountAsync(2);
        await Expect(add).ToBeHiddenAsync();
        await Expect(list.Locator("[data-row-status]")).ToContainTextAsync("No more rows can be added.");

        await list.Locator(":scope > .rows > .row").Last.Locator(":scope > button[name=remove-row]").ClickAsync();

        await Expect(add).ToBeVisibleAsync();
        session.ShouldBeClean();
    }

    // Presses Tab until the focused element has the given name (or, with a prefix, a name that starts with it).
    private static async Task TabToAsync(IPage page, string name, bool prefix = false)
    {
        var passed = new List<string>();
        for (var i = 0; i < MostTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedNameAsync(page);
            if (prefix ? focused.StartsWith(name, StringComparison.Ordinal) : focused == name)
            {
                return;
            }

            passed.Add(focused);
            await OpenIfFoldedAsync(page);
        }

        throw new ShouldAssertException($"Tab never reached \"{name}\"; it went through {string.Join(" → ", passed)}");
    }

    // On the summary of folded fields, Enter unfolds them, as a person tabbing through would.
    private static async Task OpenIfFoldedAsync(IPage page)
    {
        if (await page.EvaluateAsync<bool>("() => document.activeElement.tagName === 'SUMMARY' && !document.activeElement.parentElement.open"))
        {
            await page.Keyboard.PressAsync("Enter");
        }
    }

    private static async Task ReplaceAsync(IPage page, string text)
    {
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }
}
