namespace Flows.Web.Tests.Api;

/// <summary>GET /api/plugins and /api/account-types over real HTTP, against real fixture plugins.</summary>
public sealed class CatalogApiTests
{
    [Fact]
    public async Task Plugins_ListsEveryPluginWithItsStatusAndWhyItIsNotActive()
    {
        await using var api = await ApiSession.StartAsync(s =>
        {
            s.Add(Fixtures.Good);
            s.Add(Fixtures.IncompatibleEngine);
            s.Add(StaticFixtures.InvalidJson);
        });

        var answer = await api.GetAsync("/api/plugins");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.ContentType.ShouldBe("application/json");
        var plugins = answer.Json.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["id"]!.GetValue<string>());
        var good = plugins["fixture.good"];
        good["status"]!.GetValue<string>().ShouldBe("active");
        good["displayName"]!.GetValue<string>().ShouldBe("Good fixture");
        good["version"]!.GetValue<string>().ShouldBe("1.0.0");
        good["source"]!.GetValue<string>().ShouldBe("user");
        good["problems"]!.AsArray().ShouldBeEmpty();
        good.ContainsKey("reason").ShouldBeFalse();
        good["accountTypes"]![0]!["id"]!.GetValue<string>().ShouldBe(ApiSession.TypeId);

        var incompatible = plugins["fixture.incompatible"];
        incompatible["status"]!.GetValue<string>().ShouldBe("incompatible");
        incompatible["stage"]!.GetValue<string>().ShouldBe("compatibility");
        incompatible["reason"]!.GetValue<string>().ShouldBe($"Needs Flows contracts ^2.0.0; this host provides {HostEngine.ContractsVersion}.");

        var broken = plugins["invalid-json"];
        broken["status"]!.GetValue<string>().ShouldBe("faulted");
        broken["stage"]!.GetValue<string>().ShouldBe("manifest");
        broken["reason"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        broken["problems"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AccountTypes_ListsTheTypesOfActivePluginsOnly()
    {
        await using var api = await ApiSession.StartAsync(s =>
        {
            s.Add(Fixtures.Good);
            s.Add(Fixtures.IncompatibleEngine);
        });

        var answer = await api.GetAsync("/api/account-types");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var type = answer.Json.AsArray().ShouldHaveSingleItem()!;
        type["id"]!.GetValue<string>().ShouldBe(ApiSession.TypeId);
        type["title"]!.GetValue<string>().ShouldBe("Good fixture account");
        type["description"]!.GetValue<string>().ShouldBe("A host name and an API key.");
        type["pluginId"]!.GetValue<string>().ShouldBe("fixture.good");
    }

    [Fact]
    public async Task AccountType_GivesTheConnectorsSchemaAndTheFormWithTheLabelFirst()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.GetAsync($"/api/account-types/{ApiSession.TypeId}");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var json = answer.Json;
        json["pluginId"]!.GetValue<string>().ShouldBe("fixture.good");
        json["schema"]!["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        json["schema"]!["properties"]!["apiKey"]!["writeOnly"]!.GetValue<bool>().ShouldBeTrue();
        var fields = json["form"]!["fields"]!.AsArray();
        fields.Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["$label", "host", "apiKey"]);
        fields[0]!["title"]!.GetValue<string>().ShouldBe("Label");
        fields[0]!["required"]!.GetValue<bool>().ShouldBeTrue();
        var host = fields[1]!;
        host["kind"]!.GetValue<string>().ShouldBe("text");
        host["instancePath"]!.GetValue<string>().ShouldBe("/host");
        host["help"]!.GetValue<string>().ShouldBe("The host name of the service.");
        host["required"]!.GetValue<bool>().ShouldBeTrue();
        host["secret"]!.GetValue<bool>().ShouldBeFalse();
        fields[2]!["secret"]!.GetValue<bool>().ShouldBeTrue();
        json.AsObject().ContainsKey("problem").ShouldBeFalse();
    }

    [Fact]
    public async Task AccountType_Unknown_Returns404Problem()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.GetAsync("/api/account-types/nobody.nothing");

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Json["status"]!.GetValue<int>().ShouldBe(404);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:not-found");
        answer.Json["detail"]!.GetValue<string>().ShouldContain("'nobody.nothing'");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryApiPathAndNoScreen()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.GetAsync("/api/openapi.json");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        var document = answer.Json;
        document["info"]!["title"]!.GetValue<string>().ShouldBe("Flows API");
        document["info"]!["description"]!.GetValue<string>().ShouldContain("problem details");
        var paths = document["paths"]!.AsObject();
        paths.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(
        [
            "/api/account-types",
            "/api/account-types/{id}",
            "/api/accounts",
            "/api/accounts/{id}",
            "/api/accounts/{id}/validate",
            "/api/plugins",
            "/api/plugins/{id}/disable",
            "/api/plugins/{id}/enable",
        ]);
        var create = paths["/api/accounts"]!["post"]!;
        create["operationId"]!.GetValue<string>().ShouldBe("CreateAccount");
        create["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        create["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();
        create["responses"]!["201"].ShouldNotBeNull();
        create["responses"]!["422"]!["content"]!["application/problem+json"].ShouldNotBeNull();
        paths["/api/accounts/{id}"]!.AsObject().Select(m => m.Key).Order(StringComparer.Ordinal).ShouldBe(["delete", "get", "put"]);
        var schemas = document["components"]!["schemas"]!.AsObject();
        schemas.ContainsKey("ApiProblem").ShouldBeTrue();
        var status = schemas["PluginStatus"] as JsonObject;
        status?["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("active");
    }

    [Fact]
    public async Task DisableThenEnable_TakesThePluginsAccountTypesAwayAndBack()
    {
        await using var api = await ApiSession.StartAsync(s => s.Add(Fixtures.Good));

        var disabled = await api.PostAsync("/api/plugins/fixture.good/disable", null);
        disabled.Status.ShouldBe(HttpStatusCode.OK);
        disabled.Json["status"]!.GetValue<string>().ShouldBe("disabled");
        (await api.GetAsync("/api/account-types")).Json.AsArray().ShouldBeEmpty();

        var enabled = await api.PostAsync("/api/plugins/fixture.good/enable", null);
        enabled.Status.ShouldBe(HttpStatusCode.OK);
        enabled.Json["status"]!.GetValue<string>().ShouldBe("active");
        (await api.GetAsync("/api/account-types")).Json.AsArray().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Disable_AnUnknownPlugin_Is404_AndAPlainFormPost_Is415()
    {
        await using var api = await ApiSession.StartAsync(s => s.Add(Fixtures.Good));

        (await api.PostAsync("/api/plugins/no.such/disable", null)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Post, "/api/plugins/fixture.good/disable", "x=1", "application/x-www-form-urlencoded")).Status
            .ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await api.GetAsync("/api/account-types")).Json.AsArray().ShouldHaveSingleItem("a cross-site form post changed nothing");
    }
}
