namespace Flows.Web.Tests.Api;

/// <summary>
/// Edits and deletes that race each other over real HTTP: the account's version is its ETag, an
/// If-Match on a stale version is refused, and a deleted account is never brought back. The good
/// fixture's validator answers host "slow" after 3 s, so a delete can land while a check runs.
/// </summary>
public sealed class AccountVersionApiTests
{
    private static readonly TimeSpan WhileTheCheckRuns = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task EveryAnswerWithAnAccount_CarriesItsVersion_AsETagAndInTheBody()
    {
        await using var api = await ApiSession.StartAsync();

        var created = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", "k-123"));
        created.ETag.ShouldBe("\"1\"");
        created.Json["version"]!.GetValue<long>().ShouldBe(1);
        var id = created.Json["id"]!.GetValue<string>();

        var read = await api.GetAsync($"/api/accounts/{id}");
        read.ETag.ShouldBe("\"1\"");

        var edited = await api.SendAsync(HttpMethod.Put, $"/api/accounts/{id}", Edit("example.org").ToJsonString(), ifMatch: "\"1\"");
        edited.Status.ShouldBe(HttpStatusCode.OK, edited.Text);
        edited.ETag.ShouldBe("\"2\"");
        edited.Json["version"]!.GetValue<long>().ShouldBe(2);
        (await api.GetAsync($"/api/accounts/{id}")).ETag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task AnEditWithAStaleIfMatch_Answers412_AndChangesNothing()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod");
        (await api.PutAsync($"/api/accounts/{id}", Edit("someone-else.example"))).Status.ShouldBe(HttpStatusCode.OK);

        var stale = await api.SendAsync(HttpMethod.Put, $"/api/accounts/{id}", Edit("mine.example").ToJsonString(), ifMatch: "\"1\"");

        stale.Status.ShouldBe(HttpStatusCode.PreconditionFailed, stale.Text);
        stale.ContentType.ShouldBe("application/problem+json");
        stale.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:account-changed");
        stale.Json["detail"]!.GetValue<string>().ShouldContain("\"2\"");
        (await api.GetAsync($"/api/accounts/{id}")).Json["values"]!["host"]!.GetValue<string>().ShouldBe("someone-else.example");
    }

    [Fact]
    public async Task ADeleteWithAStaleIfMatch_Answers412_AndKeepsTheAccount()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod");
        (await api.PutAsync($"/api/accounts/{id}", Edit("someone-else.example"))).Status.ShouldBe(HttpStatusCode.OK);

        var stale = await api.SendAsync(HttpMethod.Delete, $"/api/accounts/{id}", ifMatch: "\"1\"");
        stale.Status.ShouldBe(HttpStatusCode.PreconditionFailed, stale.Text);
        (await api.GetAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.OK);

        var current = await api.SendAsync(HttpMethod.Delete, $"/api/accounts/{id}", ifMatch: "\"2\"");
        current.Status.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnEditBeingCheckedWhileTheAccountIsDeleted_Answers404_AndDoesNotBringItBack(bool withIfMatch)
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod", validate: true); // the connector's worker is running from here on

        var edit = api.SendAsync(
            HttpMethod.Put, $"/api/accounts/{id}", Edit("slow", validate: true).ToJsonString(), ifMatch: withIfMatch ? "\"1\"" : null);
        await Task.Delay(WhileTheCheckRuns);
        (await api.DeleteAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);
        var answer = await edit;

        answer.Status.ShouldBe(HttpStatusCode.NotFound, answer.Text);
        answer.Json["detail"]!.GetValue<string>().ShouldContain("was deleted while this request ran");
        (await api.GetAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ACheckRunningWhileTheAccountIsDeleted_Answers404_NotAnEmptyConflict()
    {
        await using var api = await ApiSession.StartAsync();
        var warm = await api.CreateAsync("Warm", validate: true);
        var id = await api.CreateAsync("Prod", host: "slow");

        var check = api.PostAsync($"/api/accounts/{id}/validate", null);
        await Task.Delay(WhileTheCheckRuns);
        (await api.DeleteAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);
        var answer = await check;

        answer.Status.ShouldBe(HttpStatusCode.NotFound, answer.Text);
        answer.Json["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        (await api.GetAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/accounts/{warm}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnEditOfADeletedAccount_Answers404_AndDoesNotCreateIt()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod");
        (await api.DeleteAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await api.PutAsync($"/api/accounts/{id}", Edit("example.org"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Put, $"/api/accounts/{id}", Edit("example.org").ToJsonString(), ifMatch: "\"1\"")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/accounts/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheApiDocument_SaysWhichAnswersCanBe412()
    {
        await using var api = await ApiSession.StartAsync();

        var document = (await api.GetAsync("/api/openapi.json")).Json;

        var path = document["paths"]!["/api/accounts/{id}"]!;
        path["put"]!["responses"]!.AsObject().ContainsKey("412").ShouldBeTrue();
        path["delete"]!["responses"]!.AsObject().ContainsKey("412").ShouldBeTrue();
        path["put"]!["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header");
    }

    private static JsonObject Edit(string host, bool validate = false) => new()
    {
        ["values"] = new JsonObject { ["host"] = host },
        ["validate"] = validate,
    };
}
