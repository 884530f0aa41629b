using Flows.Testing.SalesforceStandIn;

namespace Flows.Web.BrowserTests;

/// <summary>Adding and editing Salesforce accounts in Chromium, against the real server and the Salesforce stand-in.</summary>
[Collection(WebUiTests.Name)]
public sealed class AccountFormTests(WebUiFixture fixture)
{
    [Fact]
    public async Task Save_and_validate_with_good_credentials_lands_on_the_connector_page_with_the_new_account_chosen_and_valid()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Sales");
        await page.GotoAsync(AddStandard);
        await Screenshots.SaveAsync(page, "salesforce-add-form", forReadme: true);

        await FillStandardAsync(page, label, fixture.SalesforceUrl);
        await Button(page, "Save & Validate").ClickAsync();

        await WaitForConnectorPageAsync(page);
        var chosen = await SelectedTextAsync(AccountDropdown(page));
        chosen.ShouldContain(label);
        chosen.ShouldContain("— Valid");
        await Expect(page.Locator(".notice")).ToContainTextAsync(StandInAccounts.AliceUsername);
        await Expect(page.Locator(".notice")).ToContainTextAsync(label);
        await Screenshots.SaveAsync(page, "salesforce-connector-after-save", forReadme: true);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_wrong_security_token_is_shown_beside_that_field_and_nothing_is_saved_nor_the_password_written_back()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Wrong token");
        await page.GotoAsync(AddStandard);

        await FillStandardAsync(page, label, fixture.SalesforceUrl, securityToken: "NOT-THE-TOKEN");
        await Button(page, "Save & Validate").ClickAsync();

        await WaitForRefusalAsync(page);
        (await DescriptionAsync(page, page.GetByLabel("Security token"))).ShouldContain("This security token is not the current one.");
        (await page.GetByLabel("Security token").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByLabel("Security token")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByLabel("Username")).ToHaveValueAsync(StandInAccounts.AliceUsername);
        await Expect(page.GetByLabel("Label")).ToHaveValueAsync(label);
        await ShouldNotShowAsync(page, StandInAccounts.AlicePassword);

        await page.GotoAsync(SalesforceConnector);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(label);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Apply_saves_the_account_without_checking_it()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Applied");
        await page.GotoAsync(AddStandard);

        await FillStandardAsync(page, label, fixture.SalesforceUrl, password: "not-checked-yet");
        await Button(page, "Apply").ClickAsync();

        await WaitForConnectorPageAsync(page);
        var chosen = await SelectedTextAsync(AccountDropdown(page));
        chosen.ShouldContain(label);
        chosen.ShouldContain("Not validated");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Cancel_goes_back_to_the_connector_page_and_saves_nothing()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Cancelled");
        await page.GotoAsync(AddStandard);

        await FillStandardAsync(page, label, fixture.SalesforceUrl);
        await Button(page, "Cancel").ClickAsync();

        await Expect(page).ToHaveURLAsync(fixture.Server.BaseAddress + SalesforceConnector.TrimStart('/'));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Salesforce", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync(label);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Editing_only_the_label_keeps_the_stored_secrets_and_never_shows_them()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Before");
        var renamed = UniqueLabel("After");
        await AddValidatedStandardAsync(page, label, fixture.SalesforceUrl);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Label")).ToHaveValueAsync(label);
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync(string.Empty);
        (await DescriptionAsync(page, page.GetByLabel("Password"))).ShouldContain("Set — leave empty to keep");
        await page.GetByLabel("Label").FillAsync(renamed);
        await Button(page, "Save & Validate").ClickAsync();

        await WaitForConnectorPageAsync(page);
        var chosen = await SelectedTextAsync(AccountDropdown(page));
        chosen.ShouldContain(renamed);
        chosen.ShouldContain("— Valid");
        await Expect(AccountDropdown(page)).Not.ToContainTextAsync(label);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync(string.Empty);
        (await DescriptionAsync(page, page.GetByLabel("Password"))).ShouldContain("Set — leave empty to keep");
        (await DescriptionAsync(page, page.GetByLabel("Security token"))).ShouldContain("Set — leave empty to keep");
        await ShouldNotShowAsync(page, StandInAccounts.AlicePassword);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_dynamic_account_with_an_access_token_and_instance_url_validates()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Token");
        await page.GotoAsync(AddDynamic);

        await page.GetByLabel("Label").FillAsync(label);
        await page.GetByLabel("Access token").FillAsync(StandInAccounts.AliceAccessToken);
        await page.GetByLabel("Instance URL").FillAsync(fixture.SalesforceUrl);
        await Button(page, "Save & Validate").ClickAsync();

        await WaitForConnectorPageAsync(page);
        var chosen = await SelectedTextAsync(AccountDropdown(page));
        chosen.ShouldContain(label);
        chosen.ShouldContain("— Valid");
        session.ShouldBeClean();
    }
}
