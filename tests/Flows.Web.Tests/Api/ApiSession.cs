using System.Text;

namespace Flows.Web.Tests.Api;

/// <summary>One answer of the API: status, content type, Location, the raw text and the parsed JSON.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string? ContentType, Uri? Location, string Text, string? ETag = null)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("The answer is JSON null.");

    /// <summary>The messages of a problem's errors at <paramref name="pointer"/>.</summary>
    public IReadOnlyList<string> ErrorsAt(string pointer) =>
        Json["errors"]?[pointer]?.AsArray().Select(m => m!.GetValue<string>()).ToList()
        ?? throw new ShouldAssertException($"No errors at '{pointer}' in {Text}");
}

/// <summary>
/// The real web host over a plugin sandbox, called as an API client does, keeping every answer's
/// text so a test can prove a secret never appeared in any of them.
/// </summary>
internal sealed class ApiSession : IAsyncDisposable
{
    public const string TypeId = "fixture-good.basic";

    private ApiSession(WebSandbox web) => Web = web;

    public WebSandbox Web { get; }

    /// <summary>The text of every answer received, in order.</summary>
    public List<string> Transcript { get; } = [];

    /// <param name="allowedHosts">Endpoints on this machine the plugins may call (a stand-in's host:port), as FLOWS_OUTBOUND_ALLOWED_HOSTS.</param>
    public static async Task<ApiSession> StartAsync(Action<PluginSandbox>? setup = null, string? allowedHosts = null) =>
        new(await WebSandbox.StartAsync(setup ?? (s => s.Add(Fixtures.Good)), configureHost: host => host.OutboundAllowedHosts = allowedHosts ?? host.OutboundAllowedHosts));

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ApiAnswer> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body?.ToJsonString() ?? string.Empty);

    public Task<ApiAnswer> PutAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Put, path, body?.ToJsonString() ?? string.Empty);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Web.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Transcript.Add(text);
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location, text, response.Headers.ETag?.ToString());
    }

    /// <summary>Creates a good-fixture account and returns its id.</summary>
    public async Task<string> CreateAsync(string label, string host = "example.com", string apiKey = "k-123", bool validate = false)
    {
        var answer = await PostAsync("/api/accounts", Body(label, host, apiKey, validate));
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        return answer.Json["id"]!.GetValue<string>();
    }

    public static JsonObject Body(string? label, string? host, string? apiKey, bool validate = false, string typeId = TypeId)
    {
        var values = new JsonObject();
        if (host is not null)
        {
            values["host"] = host;
        }

        if (apiKey is not null)
        {
            values["apiKey"] = apiKey;
        }

        var body = new JsonObject { ["accountTypeId"] = typeId, ["values"] = values, ["validate"] = validate };
        if (label is not null)
        {
            body["label"] = label;
        }

        return body;
    }

    public ValueTask DisposeAsync() => Web.DisposeAsync();
}
