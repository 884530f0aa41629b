using System.Net;

namespace Flows.Forms.AspNetCore.Tests.Support;

/// <summary>A browser without JavaScript: its own cookies, forms opened and posted as HTML forms post.</summary>
internal sealed class FormBrowser : IDisposable
{
    private readonly HttpClientHandler _handler;

    public FormBrowser(Uri address)
    {
        _handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        Client = new HttpClient(_handler) { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>The cookies the app has given this browser.</summary>
    public IReadOnlyList<Cookie> Cookies => [.. _handler.CookieContainer.GetCookies(Client.BaseAddress!).Cast<Cookie>()];

    public async Task<FormPage> GetFormAsync()
    {
        using var response = await Client.GetAsync(new Uri(FormServer.FormPath, UriKind.Relative));
        return await FormPage.ReadAsync(response);
    }

    /// <summary>Posts <paramref name="fields"/> to the form, urlencoded as a browser posts a form.</summary>
    public async Task<FormPage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await PostRawAsync(fields);
        return await FormPage.ReadAsync(response);
    }

    public async Task<HttpResponseMessage> PostRawAsync(IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(new Uri(FormServer.FormPath, UriKind.Relative), content);
    }

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
