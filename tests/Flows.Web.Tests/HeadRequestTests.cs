namespace Flows.Web.Tests;

/// <summary>HEAD on a page answers as GET does, without the body.</summary>
public sealed class HeadRequestTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/plugins")]
    [InlineData("/connectors/fixture.good")]
    [InlineData("/connectors/fixture.good/new/fixture-good.basic")]
    [InlineData("/healthz")]
    public async Task Head_OnAPage_AnswersLikeGet_WithoutTheBody(string path)
    {
        await using var web = await WebSandbox.StartAsync(s => s.Add(Fixtures.Good));

        using var get = await web.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await web.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentType?.MediaType.ShouldBe(get.Content.Headers.ContentType?.MediaType);
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        head.Headers.CacheControl!.NoStore.ShouldBeTrue("the same security headers as GET");
    }

    [Fact]
    public async Task Head_OnAnAddressThatNamesNothing_Answers404()
    {
        await using var web = await WebSandbox.StartAsync();

        using var head = await web.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));

        head.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Head_WithoutSigningIn_IsSentToSignInLikeGet()
    {
        await using var web = await WebSandbox.StartAsync(accessToken: "Xb3nK8qW1zP6tR9vL2mC5hD0sJ7gF4yE");

        using var head = await web.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/plugins"));

        head.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        head.Headers.Location!.ToString().ShouldBe("/sign-in?return=%2Fplugins");
    }
}
