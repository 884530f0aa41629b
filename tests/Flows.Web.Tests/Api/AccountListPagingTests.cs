namespace Flows.Web.Tests.Api;

/// <summary>GET /api/accounts a page at a time: a bounded answer, a Link to the next page, the filters kept.</summary>
public sealed partial class AccountListPagingTests
{
    private static async Task CreateManyAsync(ApiSession api, IEnumerable<string> labels)
    {
        foreach (var label in labels)
        {
            await api.CreateAsync(label);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonArray? Accounts, string? Next, string Text)> ListAsync(ApiSession api, string path)
    {
        using var response = await api.Web.Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var next = response.Headers.TryGetValues("Link", out var links) ? NextLink().Match(string.Join(", ", links)) : null;
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsArray() : null, next is { Success: true } ? next.Groups[1].Value : null, text);
    }

    [Fact]
    public async Task List_WithoutParameters_AnswersThe100FirstByLabel_AndLinksTheNextPage()
    {
        await using var api = await ApiSession.StartAsync();
        await CreateManyAsync(api, Enumerable.Range(0, 103).Select(i => $"Account {i:D3}"));

        var (status, accounts, next, text) = await ListAsync(api, "/api/accounts");

        status.ShouldBe(HttpStatusCode.OK, text);
        accounts!.Count.ShouldBe(100);
        accounts[0]!["label"]!.GetValue<string>().ShouldBe("Account 000");
        accounts[99]!["label"]!.GetValue<string>().ShouldBe("Account 099");
        accounts[0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "accountTypeId", "pluginId", "label", "status", "updatedAt"], "each account keeps its fields");
        next.ShouldNotBeNull().ShouldStartWith("/api/accounts?");
        var rest = await ListAsync(api, next);
        rest.Accounts!.Select(a => a!["label"]!.GetValue<string>()).ShouldBe(["Account 100", "Account 101", "Account 102"]);
        rest.Next.ShouldBeNull("the last page links nothing");
    }

    [Fact]
    public async Task List_FollowingTheNextLinks_GivesEveryMatchOnce_WithTheFiltersAndLimitKept()
    {
        await using var api = await ApiSession.StartAsync();
        await CreateManyAsync(api, Enumerable.Range(0, 24).Select(i => i % 3 == 0 ? $"Sales {i:D2}" : $"Ops {i:D2}"));

        var labels = new List<string>();
        var path = $"/api/accounts?plugin=fixture.good&type={ApiSession.TypeId}&labelContains=SALES&limit=3";
        var pages = 0;
        while (path is not null)
        {
            var (status, accounts, next, text) = await ListAsync(api, path);
            status.ShouldBe(HttpStatusCode.OK, text);
            accounts!.Count.ShouldBeLessThanOrEqualTo(3);
            labels.AddRange(accounts.Select(a => a!["label"]!.GetValue<string>()));
            if (next is not null)
            {
                next.ShouldContain("labelContains=SALES");
                next.ShouldContain("limit=3");
                next.ShouldContain("plugin=fixture.good");
            }

            path = next!;
            pages++;
        }

        labels.ShouldBe(Enumerable.Range(0, 8).Select(i => $"Sales {i * 3:D2}"));
        pages.ShouldBe(3);
        (await ListAsync(api, "/api/accounts?plugin=other.plugin")).Accounts!.ShouldBeEmpty();
        (await ListAsync(api, "/api/accounts?labelContains=%25")).Accounts!.ShouldBeEmpty("a % in the text is a plain character");
    }

    [Theory]
    [InlineData("/api/accounts?after=not-a-cursor", "after is not a cursor this list gave")]
    [InlineData("/api/accounts?limit=0", "limit must be a whole number from 1 to 500")]
    [InlineData("/api/accounts?limit=501", "limit must be a whole number from 1 to 500")]
    [InlineData("/api/accounts?limit=ten", "limit must be a whole number from 1 to 500")]
    public async Task List_ABadCursorOrLimit_Is400WithAProblem(string path, string detail)
    {
        await using var api = await ApiSession.StartAsync();
        await api.CreateAsync("Prod");

        var answer = await api.GetAsync(path);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:invalid-query");
        answer.Json["detail"]!.GetValue<string>().ShouldStartWith(detail);
    }

    [GeneratedRegex("<([^>]+)>;\\s*rel=\"next\"")]
    private static partial Regex NextLink();
}
