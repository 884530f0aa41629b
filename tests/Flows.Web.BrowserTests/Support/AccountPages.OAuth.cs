using System.Text.RegularExpressions;
using Flows.Testing.SalesforceStandIn;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flows.Web.BrowserTests.Support;

/// <summary>The browser sign-in of a Salesforce.com OAuth account: the form, the stand-in's authorize page, the way back.</summary>
public static partial class AccountPages
{
    public const string AddOAuth = SalesforceConnector + "/new/salesforce.oauth";

    public const string SignInWithSalesforce = "Sign in with Salesforce";

    /// <summary>Fills the Salesforce.com OAuth account form with the stand-in's PKCE app unless told otherwise.</summary>
    public static async Task FillOAuthAsync(
        IPage page, string label, string loginUrl, string consumerKey = StandInAccounts.WebAppConsumerKey, string? consumerSecret = null)
    {
        await page.GetByLabel("Label").FillAsync(label);
        await page.GetByLabel("Login URL").FillAsync(loginUrl);
        await OpenOptionalFieldsAsync(page);
        await page.GetByLabel("Consumer key").FillAsync(consumerKey);
        if (consumerSecret is not null)
        {
            await page.GetByLabel("Consumer secret").FillAsync(consumerSecret);
        }
    }

    /// <summary>Opens the form's "Optional fields" (where the consumer key and secret are) as a person would, when it is closed.</summary>
    public static async Task OpenOptionalFieldsAsync(IPage page)
    {
        var folded = page.Locator("details.optional").First;
        if (await folded.CountAsync() > 0 && !await folded.EvaluateAsync<bool>("d => d.open"))
        {
            await folded.Locator("summary").ClickAsync();
        }
    }

    /// <summary>"Sign in with Salesforce", then waits for the stand-in's log-in-and-allow page.</summary>
    public static async Task StartSignInAsync(IPage page)
    {
        await Button(page, SignInWithSalesforce).ClickAsync();
        await WaitForAuthorizePageAsync(page);
    }

    public static Task WaitForAuthorizePageAsync(IPage page) => Expect(page).ToHaveTitleAsync("Login | Salesforce");

    /// <summary>Logs in on the stand-in's page and chooses Allow (Alice unless told otherwise).</summary>
    public static async Task AllowAsync(IPage page, string username = StandInAccounts.AliceUsername, string password = StandInAccounts.AlicePassword)
    {
        await FillProviderLoginAsync(page, username, password);
        await page.Locator("#allow").ClickAsync();
    }

    public static async Task FillProviderLoginAsync(IPage page, string username, string password)
    {
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
    }

    /// <summary>Adds an OAuth account through the whole browser sign-in and waits for the connector page.</summary>
    public static async Task AddSignedInOAuthAsync(
        IPage page, string label, string loginUrl, string consumerKey = StandInAccounts.WebAppConsumerKey, string? consumerSecret = null,
        string username = StandInAccounts.AliceUsername, string password = StandInAccounts.AlicePassword)
    {
        await page.GotoAsync(AddOAuth);
        await FillOAuthAsync(page, label, loginUrl, consumerKey, consumerSecret);
        await StartSignInAsync(page);
        await AllowAsync(page, username, password);
        await WaitForSignedInAsync(page);
    }

    /// <summary>Waits until the sign-in has come back to the Salesforce connector page with the saved account chosen.</summary>
    public static Task WaitForSignedInAsync(IPage page) => Expect(page).ToHaveURLAsync(ConnectorSignedIn());

    /// <summary>How many accounts of the connector page's dropdown carry <paramref name="label"/>.</summary>
    public static async Task<int> AccountsLabelledAsync(IPage page, string label)
    {
        await page.GotoAsync(SalesforceConnector);
        var texts = await page.Locator("main select option").AllTextContentsAsync();
        return texts.Count(t => t.Contains(label, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"/connectors/flows\.salesforce\?account=[^&]+&notice=signed-in$")]
    private static partial Regex ConnectorSignedIn();
}
