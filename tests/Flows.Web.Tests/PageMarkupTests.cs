namespace Flows.Web.Tests;

/// <summary>
/// Every screen, rendered from its components, as the browser receives it: plain HTML with no inline
/// script or style (the Content-Security-Policy forbids both), nothing of Blazor's, and every text that
/// comes from a plugin's manifest or from a user encoded, never markup.
/// </summary>
public sealed partial class PageMarkupTests : IAsyncLifetime
{
    private const string NamePayload = "Evil <script>alert('name')</script>";
    private const string TitlePayload = "Kind <img src=x onerror=\"alert('title')\">";
    private const string DescriptionPayload = "\"><svg onload=\"alert('description')\">";
    private const string LabelPayload = "Mine <script>alert('label')</script>";
    private const string AddForm = "/connectors/fixture.good/new/fixture-good.basic";
    private WebSandbox _web = null!;
    private string _accountId = null!;

    private HttpClient Client => _web.Client;

    public async Task InitializeAsync()
    {
        _web = await WebSandbox.StartAsync(s => PluginSandbox.EditManifest(s.Add(Fixtures.Good), manifest =>
        {
            manifest["displayName"] = NamePayload;
            var type = manifest["contributes"]!["accounts"]![0]!.AsObject();
            type["title"] = TitlePayload;
            type["description"] = DescriptionPayload;
        }));
        using var added = await Client.PostFormAsync(AddForm, AddForm, ("$label", LabelPayload), ("host", "example.com"), ("apiKey", "key"), ("action", "apply"));
        added.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        _accountId = Uri.UnescapeDataString(AccountInLocation().Match(added.Headers.Location!.ToString()).Groups[1].Value);
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    public static TheoryData<string> Screens => new()
    {
        "/",
        "/plugins",
        "/connectors/fixture.good",
        AddForm,
        "edit",
        "delete",
        "/no-such-page",
        "/accounts/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/edit",
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task EveryScreen_ShowsPluginAndUserTextEncoded_WithNoInlineScriptOrStyle(string screen)
    {
        var path = screen switch
        {
            "edit" => $"/accounts/{Uri.EscapeDataString(_accountId)}/edit",
            "delete" => $"/accounts/{Uri.EscapeDataString(_accountId)}/delete",
            _ => screen,
        };

        var (_, html) = await Client.GetPageAsync(path);

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<meta charset=\"utf-8\">");
        html.ShouldNotContain("<script>", Case.Insensitive);
        html.ShouldNotContain("<img src=x", Case.Insensitive);
        html.ShouldNotContain("<svg onload", Case.Insensitive);
        html.ShouldNotContain("style=", Case.Insensitive);
        // Only the host's own files: the forms' script, then the pages'.
        ScriptTag().Matches(html).Select(m => m.Value).ShouldAllBe(tag => tag.Contains(" src=\"/assets/schema-forms.js?v=") || tag.Contains(" src=\"/assets/flows.js?v="));
        html.ShouldNotContain("blazor", Case.Insensitive, "plain pages: no Blazor script, comment or marker");
        WebUtility.HtmlDecode(html).ShouldContain(
            screen switch
            {
                "/no-such-page" => "There is no page at this address.",
                "/accounts/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/edit" => "There is no account with id '<img src=x onerror=alert(1)>'.",
                "/plugins" or "/" => NamePayload,
                "delete" => $"Delete “{LabelPayload}”?",
                "edit" => $"Edit {LabelPayload}",
                _ => TitlePayload,
            },
            customMessage: "the text is shown, as text");
    }

    [Fact]
    public async Task TheConnectorScreen_ShowsTheAccountLabelAndTheManifestsTextsAsText()
    {
        var (_, html) = await Client.GetPageAsync("/connectors/fixture.good");

        var text = WebUtility.HtmlDecode(html);
        text.ShouldContain($"<h1>{NamePayload}</h1>");
        text.ShouldContain($"<h3 id=\"account-h\">{LabelPayload}</h3>");
        text.ShouldContain($"{LabelPayload} — Not validated</option>");
        text.ShouldContain($">{TitlePayload}</a>");
        text.ShouldContain($"<span class=\"help\">{DescriptionPayload}</span>");
        html.ShouldContain("&lt;script&gt;alert(&#x27;label&#x27;)&lt;/script&gt;");
    }

    [Fact]
    public async Task TheBlankAddForm_IsTheSamePageEachTime_WithItsOwnAntiforgeryToken()
    {
        var (_, first) = await Client.GetPageAsync(AddForm);
        var (_, second) = await Client.GetPageAsync(AddForm);

        var firstToken = Token().Match(first).Groups[1].Value;
        var secondToken = Token().Match(second).Groups[1].Value;
        firstToken.ShouldNotBeNullOrEmpty();
        firstToken.ShouldNotBe(secondToken, "a token of its own in every answer");
        first.Replace(firstToken, "T", StringComparison.Ordinal).ShouldBe(second.Replace(secondToken, "T", StringComparison.Ordinal));
        first.ShouldNotContain(Flows.Web.Pages.BlankFormPages.TokenMark);
    }

    [GeneratedRegex("account=([^&]+)")]
    private static partial Regex AccountInLocation();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
