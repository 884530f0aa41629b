using System.Text.RegularExpressions;
using Flows.Testing.SalesforceStandIn;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flows.Web.BrowserTests.Support;

/// <summary>The Salesforce screens as a user sees them: where they are, what to fill in, what they show.</summary>
public static partial class AccountPages
{
    public const string SalesforceConnector = "/connectors/flows.salesforce";
    public const string AddStandard = SalesforceConnector + "/new/salesforce.standard";
    public const string AddDynamic = SalesforceConnector + "/new/salesforce.dynamic";

    /// <summary>A label no other test uses (every test shares one server and its accounts).</summary>
    public static string UniqueLabel(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The Account dropdown of the connector page.</summary>
    public static ILocator AccountDropdown(IPage page) => page.GetByLabel("Account", new() { Exact = true });

    /// <summary>The text of the option chosen in a select.</summary>
    public static Task<string> SelectedTextAsync(ILocator select) => select.EvaluateAsync<string>("s => s.options[s.selectedIndex].text");

    /// <summary>The texts of every element an input's aria-describedby names (help, "set", error).</summary>
    public static async Task<string> DescriptionAsync(IPage page, ILocator input)
    {
        var ids = (await input.GetAttributeAsync("aria-describedby") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var texts = new List<string>();
        foreach (var id in ids)
        {
            texts.Add(await page.Locator($"[id='{id}']").TextContentAsync() ?? string.Empty);
        }

        return string.Join(" | ", texts);
    }

    /// <summary>A secret appears nowhere in the page: not as text, not in the markup (raw or encoded), not in an input.</summary>
    public static async Task ShouldNotShowAsync(IPage page, string secret)
    {
        var html = await page.ContentAsync();
        html.ShouldNotContain(secret);
        html.ShouldNotContain(System.Net.WebUtility.HtmlEncode(secret));
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain(secret);
        var values = await page.Locator("input, textarea").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        values.ShouldNotContain(secret);
    }

    /// <summary>Fills the Salesforce.com account form (Alice's good credentials unless told otherwise).</summary>
    public static async Task FillStandardAsync(
        IPage page, string label, string loginUrl, string username = StandInAccounts.AliceUsername,
        string password = StandInAccounts.AlicePassword, string securityToken = StandInAccounts.AliceSecurityToken)
    {
        await page.GetByLabel("Label").FillAsync(label);
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByLabel("Security token").FillAsync(securityToken);
        await page.GetByLabel("Login URL").FillAsync(loginUrl);
    }

    /// <summary>Adds a Salesforce.com account with Save &amp; Validate and waits for the connector page.</summary>
    public static async Task AddValidatedStandardAsync(IPage page, string label, string loginUrl)
    {
        await page.GotoAsync(AddStandard);
        await FillStandardAsync(page, label, loginUrl);
        await Button(page, "Save & Validate").ClickAsync();
        await WaitForConnectorPageAsync(page);
        (await SelectedTextAsync(AccountDropdown(page))).ShouldContain(label);
    }

    /// <summary>Waits until a post has landed on the Salesforce connector page with an account chosen.</summary>
    public static Task WaitForConnectorPageAsync(IPage page) => Expect(page).ToHaveURLAsync(ConnectorWithAccount());

    /// <summary>Waits until a refused post has come back with its "Nothing was saved" summary.</summary>
    public static Task WaitForRefusalAsync(IPage page) =>
        Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing was saved" })).ToBeVisibleAsync();

    [GeneratedRegex(@"/connectors/flows\.salesforce\?account=[^&]+&notice=saved$")]
    private static partial Regex ConnectorWithAccount();
}
