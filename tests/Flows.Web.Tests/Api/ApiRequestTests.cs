namespace Flows.Web.Tests.Api;

/// <summary>What the API does with requests it cannot take: not JSON, broken JSON, the wrong shape.</summary>
public sealed class ApiRequestTests
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded", "label=Prod&host=example.com")]
    [InlineData("text/plain", """{"accountTypeId":"fixture-good.basic","label":"Prod","values":{"host":"a","apiKey":"k"}}""")]
    [InlineData("multipart/form-data; boundary=x", "--x--")]
    public async Task Create_WithABodyThatIsNotJson_Returns415AndSavesNothing(string contentType, string body)
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/api/accounts", body, contentType);

        answer.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, answer.Text);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:unsupported-media-type");
        (await api.GetAsync("/api/accounts")).Json.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_AsAPlainFormPost_Returns415_SoAnotherSiteCannotTriggerIt()
    {
        await using var api = await ApiSession.StartAsync();
        var id = await api.CreateAsync("Prod");

        var answer = await api.SendAsync(HttpMethod.Post, $"/api/accounts/{id}/validate", string.Empty, "application/x-www-form-urlencoded");

        answer.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, answer.Text);
        (await api.GetAsync($"/api/accounts/{id}")).Json["status"]!["kind"]!.GetValue<string>().ShouldBe("notValidated");
    }

    [Theory]
    [InlineData("""{"accountTypeId":"fixture-good.basic","label":"Prod",""", "line 1")]
    [InlineData("""{"label":"a","label":"b","accountTypeId":"fixture-good.basic","values":{}}""", "given twice")]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("[1,2]", "must be a JSON object, not an array")]
    public async Task Create_WithMalformedJson_Returns400SayingWhatIsWrong(string body, string expected)
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/api/accounts", body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Json["type"]!.GetValue<string>().ShouldBe("urn:flows:problem:malformed-request");
        answer.Json["detail"]!.GetValue<string>().ShouldContain(expected);
        answer.Text.ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    [Fact]
    public async Task Create_WithPropertiesOfTheWrongShape_Returns400PointingAtEach()
    {
        await using var api = await ApiSession.StartAsync();

        var answer = await api.SendAsync(HttpMethod.Post, "/api/accounts", """{"label":7,"values":[],"validate":"yes","colour":"red"}""");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.ErrorsAt("/accountTypeId").ShouldBe(["accountTypeId is required."]);
        answer.ErrorsAt("/label").ShouldBe(["label must be a string, not a number."]);
        answer.ErrorsAt("/values").ShouldBe(["values must be an object, not an array."]);
        answer.ErrorsAt("/validate").ShouldBe(["validate must be true or false, not a string."]);
        answer.ErrorsAt("/colour").ShouldHaveSingleItem().ShouldStartWith("'colour' is not a property of this request");
    }
}
