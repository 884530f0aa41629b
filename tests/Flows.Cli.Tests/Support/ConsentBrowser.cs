using System.Net;

namespace Flows.Cli.Tests.Support;

/// <summary>
/// A browser without JavaScript, played with an HTTP client: it opens a provider's authorize page,
/// fills in and submits its form, and follows the provider's redirect to wherever it points (the
/// terminal's loopback listener), one hop at a time so each answer can be looked at.
/// </summary>
internal sealed partial class ConsentBrowser : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Submits the authorize page at <paramref name="authorizationUrl"/> with <paramref name="fields"/>; the provider's redirect.</summary>
    public async Task<Uri> ConsentAsync(Uri authorizationUrl, IReadOnlyDictionary<string, string> fields)
    {
        using var page = await _http.GetAsync(authorizationUrl);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"{page.Headers.Location} {html}");
        var action = FormAction().Match(html);
        action.Success.ShouldBeTrue(html);

        var form = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        using var answer = await _http.PostAsync(new Uri(authorizationUrl, WebUtility.HtmlDecode(action.Groups["action"].Value)), content);
        answer.StatusCode.ShouldBe(HttpStatusCode.Found, await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location.ShouldNotBeNull();
    }

    /// <summary>Opens <paramref name="url"/> (the loopback callback): its status and page.</summary>
    public async Task<(HttpStatusCode Status, string Body)> OpenAsync(Uri url)
    {
        using var answer = await _http.GetAsync(url);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\">")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
