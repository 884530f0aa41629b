namespace Flows.Web.Tests;

/// <summary>
/// The connector page's account picker with many accounts, as a browser without JavaScript gets it:
/// a page of accounts in the dropdown, a search box, and a GET search that lists the first matches.
/// </summary>
public sealed partial class AccountPickerTests : IAsyncLifetime
{
    private const string Connector = "/connectors/fixture.good";
    private WebSandbox _web = null!;

    public async Task InitializeAsync() => _web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private async Task<List<string>> CreateAsync(int count, Func<int, string> label)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var body = new JsonObject { ["accountTypeId"] = "fixture-good.basic", ["label"] = label(i), ["values"] = new JsonObject { ["host"] = "example.com", ["apiKey"] = "k-123" }, ["validate"] = false };
            using var response = await _web.Client.PostAsync(new Uri("/api/accounts", UriKind.Relative), new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        }

        return ids;
    }

    private static List<string> Options(string html) => [.. Option().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [Fact]
    public async Task ConnectorPage_WithFewAccounts_KeepsThePlainDropdown()
    {
        await CreateAsync(3, i => $"Team {i}");

        var (_, html) = await _web.Client.GetPageAsync(Connector);

        Options(html).ShouldBe(["Team 0 — Not validated", "Team 1 — Not validated", "Team 2 — Not validated"]);
        html.ShouldNotContain("Find an account");
    }

    [Fact]
    public async Task ConnectorPage_With60Accounts_ListsTheFirst50_AndOffersALabelledSearch()
    {
        await CreateAsync(60, i => $"Account {i:D2}");

        var (status, html) = await _web.Client.GetPageAsync(Connector);

        status.ShouldBe(HttpStatusCode.OK);
        var options = Options(html);
        options.Count.ShouldBe(50);
        options[0].ShouldBe("Account 00 — Not validated");
        options[49].ShouldBe("Account 49 — Not validated");
        html.ShouldContain("<label for=\"account-find\">Find an account</label>");
        html.ShouldContain("<input type=\"search\" id=\"account-find\" name=\"find\"");
        html.ShouldContain("aria-describedby=\"account-find-status\"");
        html.ShouldContain("data-account-search=\"/api/accounts?plugin=fixture.good&amp;limit=50\"");
        WebUtility.HtmlDecode(html).ShouldContain("The first 50 accounts are listed. Type part of a label to find the others.");
    }

    [Fact]
    public async Task ConnectorPage_SearchedWithoutScript_ListsTheMatches_AndKeepsTheSearchWhenShowing()
    {
        var ids = await CreateAsync(60, i => i % 20 == 7 ? $"Billing {i:D2}" : $"Account {i:D2}");

        var (_, html) = await _web.Client.GetPageAsync($"{Connector}?find=billing");

        Options(html).ShouldBe(["Billing 07 — Not validated", "Billing 27 — Not validated", "Billing 47 — Not validated"]);
        html.ShouldContain("value=\"billing\"");
        html.ShouldContain("<input type=\"hidden\" name=\"find\" value=\"billing\"");
        WebUtility.HtmlDecode(html).ShouldContain("Accounts whose label contains “billing”.");

        var (_, none) = await _web.Client.GetPageAsync($"{Connector}?find=nothing-like-it");
        Options(none).ShouldBeEmpty();
        WebUtility.HtmlDecode(none).ShouldContain("No account’s label contains “nothing-like-it”.");
        none.ShouldNotContain("No accounts yet");

        var (_, shown) = await _web.Client.GetPageAsync($"{Connector}?find=billing&account={ids[27]}");
        SelectedOption(shown).ShouldBe("Billing 27 — Not validated");
    }

    [Fact]
    public async Task ConnectorPage_AnAccountBeyondTheFirstPage_IsShownAndSelected()
    {
        var ids = await CreateAsync(60, i => $"Account {i:D2}");

        var (_, html) = await _web.Client.GetPageAsync($"{Connector}?account={ids[58]}");

        SelectedOption(html).ShouldBe("Account 58 — Not validated");
        Options(html).Count.ShouldBe(51, "the first page, and the account asked for");
        html.ShouldContain($"href=\"/accounts/{ids[58]}/edit\"");
    }

    private static string? SelectedOption(string html) =>
        SelectedOptionText().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<option value=\"[^\"]*\"[^>]*>([^<]*)</option>")]
    private static partial Regex Option();

    [GeneratedRegex("<option value=\"[^\"]*\" selected>([^<]*)</option>")]
    private static partial Regex SelectedOptionText();
}
