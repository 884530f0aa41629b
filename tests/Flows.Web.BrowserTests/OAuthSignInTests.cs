using System.Collections.Concurrent;
using System.Text;
using Flows.Testing.SalesforceStandIn;

namespace Flows.Web.BrowserTests;

/// <summary>
/// The browser sign-in of a Salesforce.com OAuth account in Chromium, as a person does it: the form,
/// the Salesforce stand-in's log-in-and-allow page, and the way back to the real server.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed class OAuthSignInTests(WebUiFixture fixture)
{
    [Fact]
    public async Task Allow_at_Salesforce_lands_on_the_connector_page_signed_in_with_the_account_chosen_and_valid()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Signed in");
        await page.GotoAsync(SalesforceConnector);
        await page.GetByRole(AriaRole.Link, new() { Name = "Salesforce.com OAuth account" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/new/salesforce\\.oauth"));
        await FillOAuthAsync(page, label, fixture.SalesforceUrl);
        await Screenshots.SaveAsync(page, "salesforce-oauth-form");

        await StartSignInAsync(page);
        await AllowAsync(page);

        await WaitForSignedInAsync(page);
        var chosen = await SelectedTextAsync(AccountDropdown(page));
        chosen.ShouldContain(label);
        chosen.ShouldContain("— Valid");
        await Expect(page.Locator(".notice")).ToContainTextAsync("Signed in and saved");
        await Expect(page.Locator(".notice")).ToContainTextAsync(label);
        await Expect(page.Locator("article.account")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex($@"Signed in as {System.Text.RegularExpressions.Regex.Escape(StandInAccounts.AliceUsername)}, \d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}} UTC"));
        await Screenshots.SaveAsync(page, "salesforce-oauth-signed-in");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Deny_at_Salesforce_shows_the_form_again_with_its_values_but_not_the_secret_and_saves_nothing()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Denied");
        await page.GotoAsync(AddOAuth);
        await FillOAuthAsync(page, label, fixture.SalesforceUrl, consumerSecret: StandInAccounts.WebAppConsumerSecret);
        await StartSignInAsync(page);

        await page.Locator("#deny").ClickAsync();

        await WaitForRefusalAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("You did not allow Flows to use your Salesforce account, so nothing was saved.");
        await Expect(page.GetByLabel("Label")).ToHaveValueAsync(label);
        await Expect(page.GetByLabel("Login URL")).ToHaveValueAsync(fixture.SalesforceUrl);
        await Expect(page.GetByLabel("Consumer key")).ToHaveValueAsync(StandInAccounts.WebAppConsumerKey);
        await Expect(Button(page, SignInWithSalesforce)).ToBeVisibleAsync();
        await ShouldNotShowAsync(page, StandInAccounts.WebAppConsumerSecret);
        (await AccountsLabelledAsync(page, label)).ShouldBe(0);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task An_error_answer_of_the_token_endpoint_shows_the_form_again_with_its_words_and_saves_nothing()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Rate limited");
        await page.GotoAsync(AddOAuth);
        await FillOAuthAsync(page, label, fixture.SalesforceUrl, StandInAccounts.RateLimitedAppConsumerKey);
        await StartSignInAsync(page);

        await AllowAsync(page);

        await WaitForRefusalAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("Salesforce is limiting sign-ins for this org right now: try again later.");
        await Expect(page.GetByLabel("Label")).ToHaveValueAsync(label);
        await Expect(page.GetByLabel("Consumer key")).ToHaveValueAsync(StandInAccounts.RateLimitedAppConsumerKey);
        (await AccountsLabelledAsync(page, label)).ShouldBe(0);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Opening_a_used_callback_or_its_result_page_again_says_it_was_already_used_and_saves_nothing_more()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var callbacks = new ConcurrentQueue<string>();
        var finishes = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/oauth/callback", StringComparison.Ordinal))
            {
                callbacks.Enqueue(request.Url);
            }
            else if (request.Url.Contains("/oauth/finish/", StringComparison.Ordinal))
            {
                finishes.Enqueue(request.Url);
            }
        };
        var label = UniqueLabel("Replayed");
        await AddSignedInOAuthAsync(page, label, fixture.SalesforceUrl);
        var callback = callbacks.ShouldHaveSingleItem();
        callback.ShouldContain("code=");
        callback.ShouldContain("state=");
        session.ExpectStatus(400);

        await page.GotoAsync(callback);

        await Expect(page.Locator("main")).ToContainTextAsync("The sign-in did not finish");
        await Expect(page.Locator("main")).ToContainTextAsync("already used");
        session.ExpectStatus(404);
        await page.GotoAsync(finishes.ShouldHaveSingleItem());
        await Expect(page.Locator("main")).ToContainTextAsync("This sign-in's result was already shown");
        (await AccountsLabelledAsync(page, label)).ShouldBe(1);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_callback_with_a_made_up_state_says_the_sign_in_is_not_known()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        session.ExpectStatus(400);

        await page.GotoAsync("/oauth/callback?code=made-up-code&state=made-up-state");

        await Expect(page.Locator("main")).ToContainTextAsync("This sign-in is not known");
        await Expect(page.Locator("main")).ToContainTextAsync("Nothing was saved");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_callback_opened_in_another_browser_is_refused_and_the_browser_that_started_it_can_still_finish()
    {
        await using var started = await fixture.OpenAsync();
        await using var other = await fixture.OpenAsync();
        var label = UniqueLabel("Other browser");
        await started.Page.GotoAsync(AddOAuth);
        await FillOAuthAsync(started.Page, label, fixture.SalesforceUrl);
        await StartSignInAsync(started.Page);
        var callback = await HoldCallbackAsync(started.Page);
        other.ExpectStatus(400);

        await other.Page.GotoAsync(callback);

        await Expect(other.Page.Locator("main")).ToContainTextAsync("This sign-in was started in another browser");
        (await AccountsLabelledAsync(other.Page, label)).ShouldBe(0);

        await started.Page.GotoAsync(callback);

        await WaitForSignedInAsync(started.Page);
        (await SelectedTextAsync(AccountDropdown(started.Page))).ShouldContain(label);
        (await AccountsLabelledAsync(started.Page, label)).ShouldBe(1);
        started.ShouldBeClean();
        other.ShouldBeClean();
    }

    [Fact]
    public async Task Closing_the_Salesforce_window_without_choosing_saves_nothing_and_signing_in_again_from_the_form_works()
    {
        await using var session = await fixture.OpenAsync();
        var label = UniqueLabel("Closed window");
        await session.Page.GotoAsync(AddOAuth);
        await FillOAuthAsync(session.Page, label, fixture.SalesforceUrl);
        await StartSignInAsync(session.Page);
        await FillProviderLoginAsync(session.Page, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        session.ShouldBeClean();

        await session.Page.CloseAsync();

        var page = await session.Context.NewPageAsync();
        (await AccountsLabelledAsync(page, label)).ShouldBe(0);
        await AddSignedInOAuthAsync(page, label, fixture.SalesforceUrl);
        (await SelectedTextAsync(AccountDropdown(page))).ShouldContain("— Valid");
        (await AccountsLabelledAsync(page, label)).ShouldBe(1);
    }

    [Fact]
    public async Task Allow_after_the_sign_in_time_ran_out_says_it_expired_and_saves_nothing()
    {
        await using var server = await fixture.StartAnotherServerAsync(new Dictionary<string, string> { ["FLOWS_OAuth__SignInMinutes"] = "0.05" });
        await using var session = await fixture.OpenAsync(server: server);
        var page = session.Page;
        var label = UniqueLabel("Expired");
        await page.GotoAsync(AddOAuth);
        await FillOAuthAsync(page, label, fixture.SalesforceUrl);
        await StartSignInAsync(page);
        await FillProviderLoginAsync(page, StandInAccounts.AliceUsername, StandInAccounts.AlicePassword);
        session.ExpectStatus(400);

        // The server allows three seconds.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await page.Locator("#allow").ClickAsync();

        await Expect(page.Locator("main")).ToContainTextAsync("The sign-in did not finish");
        await Expect(page.Locator("main")).ToContainTextAsync("This sign-in took longer than 3 seconds and expired.");
        await Expect(page.Locator("main")).ToContainTextAsync("Nothing was saved");
        (await AccountsLabelledAsync(page, label)).ShouldBe(0);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task With_the_operator_s_app_the_form_asks_for_no_consumer_key_and_signing_in_works_without_showing_its_secret()
    {
        await using var server = await fixture.StartAnotherServerAsync(new Dictionary<string, string>
        {
            ["FLOWS_OAuth__Clients__salesforce__ClientId"] = StandInAccounts.ConfidentialAppConsumerKey,
            ["FLOWS_OAuth__Clients__salesforce__ClientSecret"] = StandInAccounts.ConfidentialAppConsumerSecret,
        });
        await using var session = await fixture.OpenAsync(server: server);
        var page = session.Page;
        var pages = new ConcurrentQueue<Task<string>>();
        session.Context.Response += (_, response) => pages.Enqueue(ReadAsync(response));
        var label = UniqueLabel("Operator app");
        await page.GotoAsync(AddOAuth);
        await OpenOptionalFieldsAsync(page);
        await Expect(page.GetByLabel("Consumer key")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Consumer secret")).ToHaveCountAsync(0);
        await page.GetByLabel("Label").FillAsync(label);
        await page.GetByLabel("Login URL").FillAsync(fixture.SalesforceUrl);

        await StartSignInAsync(page);
        await AllowAsync(page);

        await WaitForSignedInAsync(page);
        (await SelectedTextAsync(AccountDropdown(page))).ShouldContain("— Valid");
        await Expect(page.Locator("article.account")).ToContainTextAsync($"Signed in as {StandInAccounts.AliceUsername}");
        var texts = await Task.WhenAll(pages);
        texts.ShouldNotContain(t => t.Contains(StandInAccounts.ConfidentialAppConsumerSecret, StringComparison.Ordinal), "a page showed the operator's secret");
        server.Output.ShouldNotContain(StandInAccounts.ConfidentialAppConsumerSecret, Case.Sensitive, "the server printed the operator's secret");
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Move_to_OAuth_carries_label_login_URL_and_sandbox_over_and_replaces_the_SOAP_account_once_signed_in()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Moving");
        await page.GotoAsync(AddStandard);
        await FillStandardAsync(page, label, fixture.SalesforceUrl, StandInAccounts.SamUsername, StandInAccounts.SamPassword, StandInAccounts.SamSecurityToken);
        await page.GetByLabel("Sandbox").CheckAsync();
        await Button(page, "Save & Validate").ClickAsync();
        await WaitForConnectorPageAsync(page);
        var card = page.Locator("article.account");
        await Expect(card).ToContainTextAsync("June 2027");

        await card.GetByRole(AriaRole.Link, new() { Name = "Move to OAuth" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/new/salesforce\\.oauth\\?replaces="));
        await Expect(page.GetByLabel("Label")).ToHaveValueAsync(label);
        await Expect(page.GetByLabel("Login URL")).ToHaveValueAsync(fixture.SalesforceUrl);
        await Expect(page.GetByLabel("Sandbox")).ToBeCheckedAsync();
        await OpenOptionalFieldsAsync(page);
        await page.GetByLabel("Consumer key").FillAsync(StandInAccounts.WebAppConsumerKey);
        await StartSignInAsync(page);
        await AllowAsync(page, StandInAccounts.SamUsername, StandInAccounts.SamPassword);

        await WaitForSignedInAsync(page);
        await Expect(card.Locator("h3")).ToHaveTextAsync(label);
        await Expect(card).ToContainTextAsync("Salesforce.com OAuth account");
        await Expect(card).ToContainTextAsync($"Signed in as {StandInAccounts.SamUsername}");
        (await AccountsLabelledAsync(page, label)).ShouldBe(1);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task A_move_to_OAuth_denied_at_Salesforce_keeps_the_SOAP_account_as_it_was()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Staying");
        await AddValidatedStandardAsync(page, label, fixture.SalesforceUrl);
        await page.Locator("article.account").GetByRole(AriaRole.Link, new() { Name = "Move to OAuth" }).ClickAsync();
        await OpenOptionalFieldsAsync(page);
        await page.GetByLabel("Consumer key").FillAsync(StandInAccounts.WebAppConsumerKey);
        await StartSignInAsync(page);

        await page.Locator("#deny").ClickAsync();

        await WaitForRefusalAsync(page);
        await Expect(page.GetByLabel("Label")).ToHaveValueAsync(label);
        (await AccountsLabelledAsync(page, label)).ShouldBe(1);
        var kept = await AccountDropdown(page).Locator("option", new() { HasTextString = label }).GetAttributeAsync("value");
        await page.GotoAsync($"{SalesforceConnector}?account={kept}");
        await Expect(page.Locator("article.account h3")).ToHaveTextAsync(label);
        await Expect(page.Locator("article.account")).ToContainTextAsync("Salesforce.com account");
        await Expect(page.Locator("article.account")).ToContainTextAsync(StandInAccounts.AliceUsername);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Deleting_a_signed_in_account_revokes_its_sign_in_at_Salesforce_and_says_so()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var label = UniqueLabel("Revoked");
        await AddSignedInOAuthAsync(page, label, fixture.SalesforceUrl, StandInAccounts.RotatingAppConsumerKey);
        var issued = fixture.StandIn.IssuedTokens.Last(t => t.ConsumerKey == StandInAccounts.RotatingAppConsumerKey);
        var refreshToken = issued.RefreshToken.ShouldNotBeNull();

        await page.Locator("article.account").GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await Button(page, "Delete").ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("The account was deleted and its sign-in revoked at Salesforce.");
        fixture.StandIn.WasRevoked(refreshToken).ShouldBeTrue();
        (await AccountsLabelledAsync(page, label)).ShouldBe(0);
        session.ShouldBeClean();
    }

    [Fact]
    public async Task Tokens_and_the_consumer_secret_appear_in_no_page_no_server_output_and_no_file_in_clear()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        var pages = new ConcurrentQueue<Task<string>>();
        session.Context.Response += (_, response) => pages.Enqueue(ReadAsync(response));
        var label = UniqueLabel("Canary");
        await AddSignedInOAuthAsync(
            page, label, fixture.SalesforceUrl, StandInAccounts.ConfidentialAppConsumerKey, StandInAccounts.ConfidentialAppConsumerSecret);
        var account = new Uri(page.Url).Query;
        var issued = fixture.StandIn.IssuedTokens.Last(t => t.ConsumerKey == StandInAccounts.ConfidentialAppConsumerKey);
        await Button(page, "Validate").ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Checked");
        await page.Locator("article.account").GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByLabel("Consumer key")).ToHaveValueAsync(StandInAccounts.ConfidentialAppConsumerKey);
        await page.GotoAsync("/plugins");
        await page.GotoAsync(SalesforceConnector + account);

        // This sign-in's tokens (and those of every sign-in the shared server made so far) and the secret typed into the form.
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StandInAccounts.ConfidentialAppConsumerSecret] = "the consumer secret",
            [issued.AccessToken] = "this sign-in's access token",
            [issued.RefreshToken.ShouldNotBeNull()] = "this sign-in's refresh token",
        };
        foreach (var token in fixture.StandIn.IssuedTokens)
        {
            secrets.TryAdd(token.AccessToken, $"an access token of {token.ConsumerKey}");
            if (token.RefreshToken is { } refresh)
            {
                secrets.TryAdd(refresh, $"a refresh token of {token.ConsumerKey}");
            }
        }

        var texts = await Task.WhenAll(pages);
        texts.Length.ShouldBeGreaterThan(5);
        var output = fixture.Server.Output;
        var files = ReadFiles(fixture.Home);

        // What is not secret is found where it is kept: the scans see the pages' bodies and the database.
        texts.ShouldContain(t => t.Contains(StandInAccounts.ConfidentialAppConsumerKey, StringComparison.Ordinal));
        Holding(files, label).ShouldNotBeEmpty();
        foreach (var (secret, name) in secrets)
        {
            texts.ShouldNotContain(t => t.Contains(secret, StringComparison.Ordinal), $"a page or answer showed {name}");
            output.ShouldNotContain(secret, Case.Sensitive, $"the server printed {name}");
            Holding(files, secret).ShouldBeEmpty($"{name} is in clear in these files");
        }

        session.ShouldBeClean();
    }

    [Fact]
    public async Task At_360_pixels_wide_the_OAuth_form_does_not_scroll_sideways_and_Sign_in_is_reached_and_pressed_from_the_keyboard()
    {
        await using var session = await fixture.OpenAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = session.Page;
        await page.GotoAsync(AddOAuth);
        await FillOAuthAsync(page, UniqueLabel("Narrow"), fixture.SalesforceUrl);

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"scrollWidth {widths[0]} > clientWidth {widths[1]}");
        await page.GetByLabel("Consumer key").FocusAsync();
        var reached = false;
        for (var presses = 0; presses < 20 && !reached; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim() === 'Sign in with Salesforce'");
        }

        reached.ShouldBeTrue("Tab never reached Sign in with Salesforce");
        await page.Keyboard.PressAsync("Enter");

        await WaitForAuthorizePageAsync(page);
        session.ShouldBeClean();
    }

    /// <summary>
    /// Logs in and allows on the stand-in's page, but keeps the redirect back (the callback with its
    /// code and state) from reaching the server: the page shows a placeholder and the callback is returned.
    /// </summary>
    private static async Task<string> HoldCallbackAsync(IPage page)
    {
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(url => url.Contains("/services/oauth2/authorize", StringComparison.Ordinal), async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            held.TrySetResult(answer.Headers["location"]);
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!DOCTYPE html><title>Held</title><p>Held</p>" });
        });
        await AllowAsync(page);
        var callback = await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.UnrouteAllAsync();
        callback.ShouldContain("/oauth/callback?code=");
        return callback;
    }

    /// <summary>A response's body as text (headers first), or only its headers when it has no body to read.</summary>
    private static async Task<string> ReadAsync(IResponse response)
    {
        var text = new StringBuilder(response.Url).AppendLine();
        foreach (var (name, value) in await response.AllHeadersAsync())
        {
            text.Append(name).Append(": ").AppendLine(value);
        }

        if (response.Status is < 300 or >= 400)
        {
            try
            {
                text.Append(await response.TextAsync());
            }
            catch (PlaywrightException)
            {
                // The page moved on before its body was read; its headers were kept.
            }
        }

        return text.ToString();
    }

    /// <summary>Every file under <paramref name="folder"/> (the database, its journal, settings, plugins) with its bytes.</summary>
    private static List<(string Path, byte[] Bytes)> ReadFiles(string folder)
    {
        var files = new List<(string, byte[])>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            try
            {
                files.Add((file, File.ReadAllBytes(file)));
            }
            catch (IOException)
            {
                // Gone between listing and reading (a journal the database just dropped).
            }
        }

        return files;
    }

    /// <summary>The files holding <paramref name="secret"/> as UTF-8 or UTF-16 text.</summary>
    private static List<string> Holding(List<(string Path, byte[] Bytes)> files, string secret)
    {
        byte[][] forms = [Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret)];
        return [.. files.Where(f => forms.Any(form => f.Bytes.AsSpan().IndexOf(form) >= 0)).Select(f => f.Path)];
    }
}
