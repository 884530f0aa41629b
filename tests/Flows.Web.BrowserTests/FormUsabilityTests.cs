using Flows.Testing.SalesforceStandIn;

namespace Flows.Web.BrowserTests;

/// <summary>
/// The add form by keyboard alone, on a phone-sized screen, and with JavaScript off. The narrow-screen
/// cases include the hostile plugin's pages, whose long unbroken words must wrap rather than widen the page.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed class FormUsabilityTests(WebUiFixture fixture)
{
    private const string ActiveName = """
        () => {
          const el = document.activeElement;
          const text = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
          return (text || '').replace('*', '').trim();
        }
        """;

    [Fact]
    public async Task Tab_reaches_every_field_in_order_and_then_the_buttons()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(AddStandard);

        var order = new List<string>();
        for (var i = 0; i < 22; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>(ActiveName));
        }

        // The Login URL's help names the address as a link, before its input.
        string[] expected = ["Label", "Username", "Password", "Security token", "https://login.salesforce.com/", "Login URL", "Sandbox", "Save & Validate", "Apply", "Cancel"];
        var start = order.IndexOf("Label");
        start.ShouldBeGreaterThanOrEqualTo(0, string.Join(", ", order));
        order.Skip(start).Take(expected.Length).ShouldBe(expected, string.Join(", ", order));
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Enter_in_a_field_submits_with_save_and_validate()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Keyboard");
        var typed = new Dictionary<string, string>
        {
            ["Label"] = label,
            ["Username"] = StandInAccounts.AliceUsername,
            ["Password"] = StandInAccounts.AlicePassword,
            ["Security token"] = StandInAccounts.AliceSecurityToken,
        };
        await page.GotoAsync(AddStandard);

        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var name = await page.EvaluateAsync<string>(ActiveName);
            if (typed.TryGetValue(name, out var text))
            {
                await page.Keyboard.TypeAsync(text);
            }
            else if (name == "Login URL")
            {
                await page.Keyboard.PressAsync("Control+A");
                await page.Keyboard.TypeAsync(fixture.SalesforceUrl);
                await page.Keyboard.PressAsync("Enter");
                break;
            }
        }

        await WaitForConnectorPageAsync(page);
        var chosen = await SelectedTextAsync(AccountDropdown(page));
        chosen.ShouldContain(label);
        chosen.ShouldContain("— Valid");
        session.ShouldBeClean();
    }

    [Theory]
    [InlineData(AddStandard)]
    [InlineData(SalesforceConnector)]
    [InlineData("/")]
    [InlineData("/plugins")]
    [InlineData("/connectors/fixture.hostile")]
    [InlineData("/connectors/fixture.hostile/new/fixture-hostile.basic")]
    public async Task At_360_pixels_wide_the_page_does_not_scroll_sideways(string path)
    {
        await using var session = await fixture.OpenAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = session.Page;

        await page.GotoAsync(path);

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{path}: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_problem_shows_only_after_the_field_is_left()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(AddStandard);
        await Expect(page.Locator(".error")).ToHaveCountAsync(0);

        await page.GetByLabel("Username").FocusAsync();
        await page.Keyboard.PressAsync("Tab");

        var username = page.GetByLabel("Username");
        await Expect(username).ToHaveAttributeAsync("aria-invalid", "true");
        (await DescriptionAsync(page, username)).ShouldContain("Username is required.");
        await Expect(page.Locator(".error")).ToHaveCountAsync(1);
        await Expect(page.Locator(".error")).ToBeVisibleAsync();
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Without_javascript_an_empty_form_comes_back_with_the_servers_messages_beside_the_fields()
    {
        await using var session = await fixture.OpenAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync(AddStandard);

        await Button(page, "Save & Validate").ClickAsync();

        await WaitForRefusalAsync(page);
        (await DescriptionAsync(page, page.GetByLabel("Label"))).ShouldContain("Label is required.");
        (await DescriptionAsync(page, page.GetByLabel("Username"))).ShouldContain("Username is required.");
        (await DescriptionAsync(page, page.GetByLabel("Password"))).ShouldContain("Password is required.");
        await Expect(page.GetByLabel("Login URL")).ToHaveValueAsync("https://login.salesforce.com/");
        await Screenshots.SaveAsync(page, "salesforce-add-form-errors");
        session.ShouldBeClean();
    }
}
