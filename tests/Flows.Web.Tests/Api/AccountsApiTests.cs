namespace Flows.Web.Tests.Api;

/// <summary>/api/accounts over real HTTP: a real SQLite store and the good fixture's validator.</summary>
public sealed class AccountsApiTests
{
    [Fact]
    public async Task Create_WithApply_Returns201WithLocationAndTheAccountNotValidated()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", "k-123"));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        var account = answer.Json;
        var id = account["id"]!.GetValue<string>();
        answer.Location!.ToString().ShouldBe($"/api/accounts/{id}");
        account["label"]!.GetValue<string>().ShouldBe("Prod");
        account["accountTypeId"]!.GetValue<string>().ShouldBe(ApiSession.TypeId);
        account["pluginId"]!.GetValue<string>().ShouldBe("fixture.good");
        account["status"]!["kind"]!.GetValue<string>().ShouldBe("notValidated");
        account["values"]!.ToJsonString().ShouldBe("""{"host":"example.com"}""");
        account["secrets"]!.ToJsonString().ShouldBe("""{"/apiKey":true}""");
        account.AsObject().ContainsKey("verdict").ShouldBeFalse();

        var list = await api.GetAsync("/api/accounts");
        var summary = list.Json.AsArray().ShouldHaveSingleItem()!;
        summary["id"]!.GetValue<string>().ShouldBe(id);
        summary["label"]!.GetValue<string>().ShouldBe("Prod");
        summary["status"]!["kind"]!.GetValue<string>().ShouldBe("notValidated");
        summary["updatedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Create_WithValidate_SavesItAsValidWithWhoseAccountItIs()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", "k-123", validate: true));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        var status = answer.Json["status"]!;
        status["kind"]!.GetValue<string>().ShouldBe("valid");
        status["detail"]!.GetValue<string>().ShouldStartWith("example.com via Newtonsoft.Json 13.");
        status["checkedAt"].ShouldNotBeNull();
        var verdict = answer.Json["verdict"]!;
        verdict["outcome"]!.GetValue<string>().ShouldBe("valid");
        verdict["identitySummary"]!.GetValue<string>().ShouldStartWith("example.com via");
    }

    [Fact]
    public async Task Create_WithWrongApiKeyAndValidate_Returns422BlamingTheApiKeyAndSavesNothing()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", "wrong", validate: true));

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:rejected-by-connector");
        answer.Json["status"]!.GetValue<int>().ShouldBe(422);
        answer.Json["detail"]!.GetValue<string>().ShouldBe("API key is wrong");
        answer.ErrorsAt("/values/apiKey").ShouldBe(["The service rejected this API key."]);
        answer.Json["verdict"]!["outcome"]!.GetValue<string>().ShouldBe("invalid");
        answer.Json["verdict"]!["message"]!.GetValue<string>().ShouldBe("API key is wrong");
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WhenTheServiceIsDown_Returns503WithOutcomeUnavailableAndSavesNothing()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "down", "k-123", validate: true));

        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.Text);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:connector-unavailable");
        answer.Json["detail"]!.GetValue<string>().ShouldBe("The service is down for maintenance; try again later.");
        answer.Json["verdict"]!["outcome"]!.GetValue<string>().ShouldBe("unavailable");
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WithoutARequiredField_Returns422WithTheFormsMessageAtItsPointer()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", apiKey: null));

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:invalid-values");
        answer.ErrorsAt("/values/apiKey").ShouldBe(["API key is required."]);
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WithAValueOfTheWrongType_Returns422RatherThanReadingItAsText()
    {
        await using var api = await ApiSession.StartAsync();
        var body = ApiSession.Body("Prod", "example.com", "k-123");
        body["values"]!["host"] = 42;
        body["values"]!["apiKey"] = new JsonArray("k-123");

        var answer = await api.PostAsync("/api/accounts", body);

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ErrorsAt("/values/host").ShouldBe(["Host must be text."]);
        answer.ErrorsAt("/values/apiKey").ShouldBe(["API key must be text."]);
        answer.Text.ShouldNotContain("k-123");
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WithANameTheFormDoesNotHave_Returns422AtThatNameWithTheClosestNameAsTheCliSaysIt()
    {
        await using var api = await ApiSession.StartAsync();
        var body = ApiSession.Body("Prod", "example.com", "k-123");
        body["values"]!["hots"] = "typo.example";

        var answer = await api.PostAsync("/api/accounts", body);

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ErrorsAt("/values/hots").ShouldBe(["'hots' is not a field of this form. Did you mean 'host'? Its fields: host, apiKey."]);
    }

    [Fact]
    public async Task Create_WithoutALabel_Returns422AtLabel()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("   ", "example.com", "k-123"));

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ErrorsAt("/label").ShouldBe(["Label is required."]);
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WithALabelTakenIgnoringCase_Returns409NamingTheExistingAccount()
    {
        await using var api = await ApiSession.StartAsync();
        var first = await api.CreateAsync("Sales");

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("  sales ", "other.example", "k-456"));

        answer.Status.ShouldBe(HttpStatusCode.Conflict, answer.Text);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:duplicate-label");
        var message = answer.ErrorsAt("/label").ShouldHaveSingleItem();
        message.ShouldContain("An account named 'Sales' already exists");
        message.ShouldContain(first);
        (await api.GetAsync("/api/accounts")).Json.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Create_WithAnUnknownAccountType_Returns422AtAccountTypeId()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", "k-123", typeId: "nobody.nothing"));

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:account-type-unavailable");
        answer.ErrorsAt("/accountTypeId").ShouldBe(["No active plugin offers the account type 'nobody.nothing'."]);
    }

    [Fact]
    public async Task Secrets_NeverAppearInAnyAnswer_AcrossCreateGetListEditValidateAndRejections()
    {
        const string Secret = "s3cret-Value-9x";
        await using var api = await ApiSession.StartAsync();

        var id = await api.CreateAsync("Prod", apiKey: Secret, validate: true);
        await api.GetAsync($"/api/accounts/{id}");
        await api.GetAsync("/api/accounts");
        await api.GetAsync($"/api/accounts?type={ApiSession.TypeId}");
        (await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["values"] = new JsonObject { ["host"] = "other.example" } })).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["values"] = new JsonObject { ["host"] = "other.example", ["apiKey"] = Secret + "2" }, ["validate"] = true })).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync($"/api/accounts/{id}/validate", null)).Status.ShouldBe(HttpStatusCode.OK);
        await api.PostAsync("/api/accounts", ApiSession.Body("Other", "down", Secret, validate: true));
        await api.PostAsync("/api/accounts", ApiSession.Body("Prod", "example.com", Secret));
        var wrongType = ApiSession.Body("Third", null, Secret);
        wrongType["values"]!["host"] = new JsonObject { ["nested"] = Secret };
        await api.PostAsync("/api/accounts", wrongType);
        await api.SendAsync(HttpMethod.Post, "/api/accounts", "{\"accountTypeId\":\"" + ApiSession.TypeId + "\",\"label\":\"X\",\"values\":{\"apiKey\":\"" + Secret + "\" \"host\":\"a\"}}");
        await api.SendAsync(HttpMethod.Post, "/api/accounts", "{\"label\":\"X\",\"values\":{\"apiKey\":\"" + Secret + "\u0001\"}}");

        api.Transcript.Count.ShouldBe(12);
        foreach (var text in api.Transcript)
        {
            text.ShouldNotContain(Secret);
            text.ShouldNotContain("s3cret");
        }
    }

    [Fact]
    public async Task Edit_WithTheSecretLeftOut_KeepsItAndReplacesTheOtherValues()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod", host: "example.com", apiKey: "keep-me");

        var answer = await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["values"] = new JsonObject { ["host"] = "other.example" } });

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json["label"]!.GetValue<string>().ShouldBe("Prod");
        answer.Json["values"]!.ToJsonString().ShouldBe("""{"host":"other.example"}""");
        answer.Json["secrets"]!.ToJsonString().ShouldBe("""{"/apiKey":true}""");

        // The kept key is the one the validator sees: "wrong" would be rejected, the kept one is not.
        var validated = await api.PostAsync($"/api/accounts/{id}/validate", null);
        validated.Json["status"]!["kind"]!.GetValue<string>().ShouldBe("valid");
        validated.Json["status"]!["detail"]!.GetValue<string>().ShouldStartWith("other.example via");
    }

    [Fact]
    public async Task Edit_WithTheSecretNull_ClearsIt()
    {
        await using var api = await ApiSession.StartAsync(s =>
        {
            // The same plugin with an optional API key (Apply reads the schema file; no plugin code runs).
            var folder = s.Add(Fixtures.Good);
            var schemaPath = Path.Combine(folder, "schemas", "good.basic.schema.json");
            var schema = JsonNode.Parse(File.ReadAllText(schemaPath))!;
            schema["required"] = new JsonArray("host");
            File.WriteAllText(schemaPath, schema.ToJsonString());
        });
        var id = await api.CreateAsync("Prod", apiKey: "clear-me");

        var answer = await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["values"] = new JsonObject { ["host"] = "example.com", ["apiKey"] = null } });

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json["secrets"]!.ToJsonString().ShouldBe("""{"/apiKey":false}""");
        (await api.GetAsync($"/api/accounts/{id}")).Json["secrets"]!.ToJsonString().ShouldBe("""{"/apiKey":false}""");
    }

    [Fact]
    public async Task Edit_ClearingARequiredSecret_Returns422AndKeepsTheStoredOne()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod", apiKey: "keep-me");

        var answer = await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["values"] = new JsonObject { ["host"] = "example.com", ["apiKey"] = null } });

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ErrorsAt("/values/apiKey").ShouldBe(["API key is required."]);
        (await api.GetAsync($"/api/accounts/{id}")).Json["secrets"]!.ToJsonString().ShouldBe("""{"/apiKey":true}""");
    }

    [Fact]
    public async Task Edit_WithANewLabel_RenamesAndWithoutValues_Returns400()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod");

        var renamed = await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["label"] = "Production", ["values"] = new JsonObject { ["host"] = "example.com" } });
        var withoutValues = await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["label"] = "Again" });

        renamed.Status.ShouldBe(HttpStatusCode.OK, renamed.Text);
        renamed.Json["label"]!.GetValue<string>().ShouldBe("Production");
        withoutValues.Status.ShouldBe(HttpStatusCode.BadRequest, withoutValues.Text);
        withoutValues.ErrorsAt("/values").ShouldHaveSingleItem().ShouldStartWith("values is required");
    }

    [Fact]
    public async Task Edit_WithValidateAndARejectedKey_Returns422AndChangesNothing()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod", host: "example.com", apiKey: "good");

        var answer = await api.PutAsync($"/api/accounts/{id}", new JsonObject { ["values"] = new JsonObject { ["host"] = "new.example", ["apiKey"] = "wrong" }, ["validate"] = true });

        answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.Text);
        answer.ErrorsAt("/values/apiKey").ShouldBe(["The service rejected this API key."]);
        (await api.GetAsync($"/api/accounts/{id}")).Json["values"]!["host"]!.GetValue<string>().ShouldBe("example.com");
    }

    [Fact]
    public async Task Validate_RecordsWhatTheConnectorSaysNow()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod", apiKey: "wrong");

        var answer = await api.PostAsync($"/api/accounts/{id}/validate", null);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json["verdict"]!["outcome"]!.GetValue<string>().ShouldBe("invalid");
        answer.Json["status"]!["kind"]!.GetValue<string>().ShouldBe("invalid");
        answer.Json["status"]!["detail"]!.GetValue<string>().ShouldBe("API key is wrong");
        (await api.GetAsync("/api/accounts")).Json[0]!["status"]!["kind"]!.GetValue<string>().ShouldBe("invalid");
    }

    [Fact]
    public async Task Delete_Returns204AndThenTheAccountIsGone()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod");

        var deleted = await api.DeleteAsync($"/api/accounts/{id}");
        var get = await api.GetAsync($"/api/accounts/{id}");
        var again = await api.DeleteAsync($"/api/accounts/{id}");

        deleted.Status.ShouldBe(HttpStatusCode.NoContent);
        get.Status.ShouldBe(HttpStatusCode.NotFound);
        get.ContentType.ShouldBe("application/problem+json");
        get.Json["detail"]!.GetValue<string>().ShouldBe($"There is no account with id '{id}'.");
        again.Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("GET", "/api/accounts/0b5d8f0e-8f5e-4d4e-9a53-3f0d2c8f9e11")]
    [InlineData("GET", "/api/accounts/not-a-guid")]
    [InlineData("PUT", "/api/accounts/0b5d8f0e-8f5e-4d4e-9a53-3f0d2c8f9e11")]
    [InlineData("POST", "/api/accounts/0b5d8f0e-8f5e-4d4e-9a53-3f0d2c8f9e11/validate")]
    [InlineData("DELETE", "/api/accounts/not-a-guid")]
    public async Task UnknownAccountId_Returns404Problem(string method, string path)
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.SendAsync(new HttpMethod(method), path, method is "PUT" or "POST" ? """{"values":{}}""" : null);

        answer.Status.ShouldBe(HttpStatusCode.NotFound, answer.Text);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:not-found");
        answer.Json["instance"]!.GetValue<string>().ShouldBe(path);
    }

    [Fact]
    public async Task List_ByType_KeepsTheAccountsOfThatType()
    {
        await using var api = await ApiSession.StartAsync();
        await api.CreateAsync("Prod");

        var mine = await api.GetAsync($"/api/accounts?type={ApiSession.TypeId}");
        var other = await api.GetAsync("/api/accounts?type=other.type");

        mine.Json.AsArray().Count.ShouldBe(1);
        other.Json.AsArray().ShouldBeEmpty();
    }
}
