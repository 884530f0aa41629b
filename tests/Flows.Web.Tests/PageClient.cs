namespace Flows.Web.Tests;

/// <summary>Fetches pages and posts their forms the way a browser without JavaScript does (cookies, antiforgery token).</summary>
internal static partial class PageClient
{
    public static async Task<(HttpStatusCode Status, string Html)> GetPageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads <paramref name="pagePath"/>, takes its antiforgery token, posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, string action, params (string Name, string Value)[] fields)
    {
        var (_, html) = await client.GetPageAsync(pagePath);
        var token = Token().Match(html);
        token.Success.ShouldBeTrue($"no antiforgery token on {pagePath}");
        var all = fields.Append(("__af", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
