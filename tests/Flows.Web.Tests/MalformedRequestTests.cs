using System.Text;
using Microsoft.Extensions.Logging;

namespace Flows.Web.Tests;

/// <summary>
/// Bodies and forms the server cannot take (text that is not Unicode, too many fields, too many
/// bytes) are answered 400 or 413 with problem details under /api and a page elsewhere, and
/// nothing about them is logged as a failure (no exception, no stack trace). Real Kestrel, real HTTP.
/// </summary>
public sealed partial class MalformedRequestTests(MalformedRequestTests.Server server) : IClassFixture<MalformedRequestTests.Server>
{
    private const string AddForm = "/connectors/fixture.good/new/fixture-good.basic";

    private static readonly Dictionary<string, Func<Server, Task<HttpRequestMessage>>> Cases = new()
    {
        ["a label of bytes that are not UTF-8"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"", new byte[] { 0xFF, 0xFE }, "\"")),
        ["an overlong UTF-8 sequence in a value"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"a", new byte[] { 0xC0, 0xAF }, "b\"")),
        ["a UTF-8 sequence cut short before the closing quote"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"a", new byte[] { 0xE2, 0x82 }, "\"")),
        ["a UTF-8 encoded surrogate"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"", new byte[] { 0xED, 0xA0, 0x80 }, "\"")),
        ["a lone high surrogate in the label"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"\\ud800\"")),
        ["a lone low surrogate in the label"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"\\udc00\"")),
        ["surrogates in the wrong order"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"\\udc00\\ud800\"")),
        ["a high surrogate followed by a letter"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"\\ud800A\"")),
        ["a lone surrogate in a secret value"] = _ => Json(HttpMethod.Post, "/api/accounts", Bytes("""{"accountTypeId":"fixture-good.basic","label":"L","values":{"host":"example.com","apiKey":"k\ud800"}}""")),
        ["a property name of bytes that are not UTF-8"] = _ => Json(HttpMethod.Post, "/api/accounts", Bytes("{\"", new byte[] { 0xFF }, "\":1,\"accountTypeId\":\"fixture-good.basic\",\"label\":\"L\",\"values\":{}}")),
        ["a lone surrogate in a property name"] = _ => Json(HttpMethod.Post, "/api/accounts", Bytes("""{"accountTypeId":"fixture-good.basic","label":"L","values":{"\ud800":"x"}}""")),
        ["bytes that are not UTF-8 between tokens"] = _ => Json(HttpMethod.Post, "/api/accounts", Bytes("{", new byte[] { 0xFF }, "\"label\":\"L\"}")),
        ["a JSON body of 2 MB"] = _ => Json(HttpMethod.Post, "/api/accounts", Account("\"" + new string('a', 2 * 1024 * 1024) + "\"")),
        ["JSON nested 1,000 deep"] = _ => Json(HttpMethod.Post, "/api/accounts", Bytes(new string('[', 1000) + new string(']', 1000))),
        ["a lone surrogate in an update"] = s => Json(HttpMethod.Put, $"/api/accounts/{s.AccountId}", Account("\"\\ud800\"")),
        ["bytes that are not UTF-8 in an update"] = s => Json(HttpMethod.Put, $"/api/accounts/{s.AccountId}", Account("\"", new byte[] { 0xFF }, "\"")),
        ["an add form with 2,000 fields"] = async s => Form(AddForm, await s.AntiforgeryFieldAsync() + ManyFields(2000)),
        ["an add form of 2 MB"] = async s => Form(AddForm, await s.AntiforgeryFieldAsync() + "&host=" + new string('a', 2 * 1024 * 1024)),
        ["an add form with 2,000 fields sent without a length"] = async s => Chunked(Form(AddForm, await s.AntiforgeryFieldAsync() + ManyFields(2000))),
        ["an add form with a 300 KB value"] = async s => Form(AddForm, await s.AntiforgeryFieldAsync() + "&host=" + new string('a', 300 * 1024)),
        ["an add form with a 5,000-character field name"] = async s => Form(AddForm, await s.AntiforgeryFieldAsync() + "&" + new string('n', 5000) + "=1"),
        ["a sign-in form with 2,000 fields"] = async s => Form("/sign-in", await s.AntiforgeryFieldAsync() + ManyFields(2000)),
        ["a delete form with 2,000 fields"] = async s => Form($"/accounts/{s.AccountId}/delete", await s.AntiforgeryFieldAsync() + ManyFields(2000)),
        ["a multipart form without a boundary"] = _ => Task.FromResult(Raw(HttpMethod.Post, AddForm, "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n")),
        ["a multipart form cut short"] = _ => Task.FromResult(Raw(HttpMethod.Post, AddForm, "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1")),
        ["a multipart form with 2,000 parts"] = _ => Task.FromResult(Raw(HttpMethod.Post, AddForm, "multipart/form-data; boundary=x", string.Concat(Enumerable.Range(0, 2000).Select(i => $"--x\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\n{i}\r\n")) + "--x--\r\n")),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task MalformedBodyOrForm_IsAnswered4xx_WithoutAnExceptionInTheLog(string name)
    {
        using var request = await Cases[name](server);
        var logged = server.Web.Log.Entries.Count;
        var api = request.RequestUri!.OriginalString.StartsWith("/api", StringComparison.Ordinal);

        using var response = await server.Web.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeOneOf([400, 413], text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(api ? "application/problem+json" : "text/html", text);
        text.ShouldNotContain("   at ", customMessage: "no stack trace in the answer");
        var entries = server.Web.Log.Entries.Skip(logged).ToList();
        entries.ShouldNotContain(e => e.Exception != null || e.Level >= LogLevel.Error || e.Message.Contains("   at ", StringComparison.Ordinal), string.Join("\n", entries));
    }

    [Fact]
    public async Task LoneSurrogate_IsRefusedSayingWhereAndWhatToSend()
    {
        using var request = await Json(HttpMethod.Post, "/api/accounts", Account("\"\\ud800\""));

        using var response = await server.Web.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain("urn:flows:problem:malformed-request");
        text.ShouldContain("not valid Unicode at $.label");
    }

    [Fact]
    public async Task FormWithTooManyFields_GetsAPageSayingNothingWasSaved()
    {
        using var request = Form(AddForm, await server.AntiforgeryFieldAsync() + ManyFields(2000));

        using var response = await server.Web.Client.SendAsync(request);

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("Nothing was saved");
        html.ShouldContain("more than 1024 fields");
    }

    // An account for the good fixture whose label is the given JSON text (with raw bytes between).
    private static byte[] Account(params object[] label) =>
        Bytes(["{\"accountTypeId\":\"fixture-good.basic\",\"values\":{\"host\":\"example.com\",\"apiKey\":\"k\"},\"label\":", .. label, "}"]);

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p)];

    private static string ManyFields(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"&f{i}={i}"));

    private static Task<HttpRequestMessage> Json(HttpMethod method, string path, byte[] body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult(WaitingToSendLargeBodies(request));
    }

    private static HttpRequestMessage Form(string path, string body) => Raw(HttpMethod.Post, path, "application/x-www-form-urlencoded", body);

    private static HttpRequestMessage Raw(HttpMethod method, string path, string contentType, string body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return WaitingToSendLargeBodies(request);
    }

    // A body over the limit is refused before it is read; the client waits for the server's word
    // before sending it, so the refusal is not lost to a connection closed mid-upload.
    private static HttpRequestMessage WaitingToSendLargeBodies(HttpRequestMessage request)
    {
        request.Headers.ExpectContinue = request.Content!.Headers.ContentLength > 1024 * 1024;
        return request;
    }

    // The same request sent in chunks, so the server learns its size only while reading it.
    private static HttpRequestMessage Chunked(HttpRequestMessage request)
    {
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>One server for every case: the good fixture, one account, a browser with the antiforgery cookie.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public WebSandbox Web { get; private set; } = null!;

        public string AccountId { get; private set; } = null!;

        /// <summary>The form field with a valid antiforgery token (the client holds its cookie).</summary>
        public async Task<string> AntiforgeryFieldAsync()
        {
            var (_, html) = await Web.Client.GetPageAsync(AddForm);
            return "__af=" + Uri.EscapeDataString(WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value));
        }

        public async Task InitializeAsync()
        {
            Web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));
            using var create = await Json(HttpMethod.Post, "/api/accounts", Encoding.UTF8.GetBytes("""{"accountTypeId":"fixture-good.basic","label":"Existing","values":{"host":"example.com","apiKey":"k"}}"""));
            using var created = await Web.Client.SendAsync(create);
            var text = await created.Content.ReadAsStringAsync();
            created.StatusCode.ShouldBe(HttpStatusCode.Created, text);
            AccountId = System.Text.Json.Nodes.JsonNode.Parse(text)!["id"]!.GetValue<string>();
        }

        public async Task DisposeAsync() => await Web.DisposeAsync();
    }
}
