using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;

namespace Flows.Web.Tests;

/// <summary>
/// A broken store or key under the real <c>flows serve</c>: 503 with the sentence for the API, a page
/// for the screens, writes refused while it stands, and one warning line in the log, no stack trace.
/// </summary>
public sealed class StoreFaultWebTests(ITestOutputHelper log) : IDisposable
{
    private readonly ScratchRoot _root = new("flows-fault-tests");

    private string Home => _root.Home;

    public void Dispose() => _root.Dispose();

    [Theory]
    [MemberData(nameof(StoreFaultCases.All), MemberType = typeof(StoreFaultCases))]
    public async Task Serve_OnABrokenStoreOrKey_Answers503WithTheSentence_AndSavesNothing(string fault)
    {
        using var arranged = await StoreFaultCases.ArrangeAsync(fault, Home, home =>
        {
            FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), Path.Combine(home, "plugins", "good"));
            // What the server makes at start, made while the folder can still be written.
            Directory.CreateDirectory(Path.Combine(home, "state", "web-keys"));
        });
        if (arranged.SkipReason is not null)
        {
            log.WriteLine($"Not run: {arranged.SkipReason}");
            return;
        }

        var before = Fingerprint();
        await using var server = await FlowsServer.StartAsync(Home, arranged.Environment);

        using var create = await server.Client.PostAsync(
            new Uri("/api/accounts", UriKind.Relative),
            new StringContent("""{"accountTypeId":"fixture-good.basic","label":"New","values":{"host":"new.example.com","apiKey":"k-new"}}""", Encoding.UTF8, "application/json"));
        await ShouldBeUnavailableAsync(create, arranged);
        if (arranged.ReadsFail)
        {
            using var list = await server.Client.GetAsync(new Uri("/api/accounts", UriKind.Relative));
            await ShouldBeUnavailableAsync(list, arranged);
            using var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{arranged.Context}\n{html}");
            html.ShouldContain("Accounts are unavailable");
            html.ShouldContain(System.Net.WebUtility.HtmlEncode(arranged.Sentence).Replace("&#39;", "&#x27;", StringComparison.Ordinal), Case.Sensitive, arranged.Context);

            // A second try after the first refusal is refused as well: nothing is written to a store that cannot be read.
            using var again = await server.Client.PostAsync(
                new Uri("/api/accounts", UriKind.Relative),
                new StringContent("""{"accountTypeId":"fixture-good.basic","label":"Again","values":{"host":"again.example.com","apiKey":"k-again"}}""", Encoding.UTF8, "application/json"));
            await ShouldBeUnavailableAsync(again, arranged);
        }

        Fingerprint().ShouldBe(before, $"{arranged.Context}: the database file was not written");
        // (With a read-only home the server cannot keep its antiforgery keys either, which it says in a line of its own.)
        var lines = server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("fail: Microsoft.AspNetCore.DataProtection.", StringComparison.Ordinal))
            .ToList();
        lines.ShouldAllBe(l => l.Contains("the account store is unavailable") && l.Contains(arranged.Sentence), $"{arranged.Context}: one warning line per refusal\n{server.Log}");
        lines.ShouldNotBeEmpty(arranged.Context);
        server.Log.ShouldNotContain("   at ", customMessage: arranged.Context);
    }

    private string Fingerprint()
    {
        var path = StoreDamage.DatabasePath(Home);
        return Convert.ToHexString(SHA256.HashData([.. AccountStoreSandbox.ReadShared(path), .. AccountStoreSandbox.ReadShared(path + "-wal")]));
    }

    private static async Task ShouldBeUnavailableAsync(HttpResponseMessage answer, StoreFaultCases.Arranged arranged)
    {
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{arranged.Context}\n{text}");
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:store-unavailable");
        problem["detail"]!.GetValue<string>().ShouldStartWith("store unavailable: ");
        problem["detail"]!.GetValue<string>().ShouldContain(arranged.Sentence, Case.Sensitive, arranged.Context);
    }
}
