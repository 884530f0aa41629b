using Flows.Web.Pages;

namespace Flows.Web.Tests;

/// <summary>Links are made from the same patterns the screens are mapped on, each value escaped as one path segment.</summary>
public sealed class RoutesTests
{
    [Fact]
    public void Links_FillEachPatternsValuesInOrder_EscapedAsOneSegmentEach()
    {
        Routes.Connector("a/b c").ShouldBe("/connectors/a%2Fb%20c");
        Routes.Connector("p", "x&y=z").ShouldBe("/connectors/p?account=x%26y%3Dz");
        Routes.NewAccount("p?q", "t#1").ShouldBe("/connectors/p%3Fq/new/t%231");
        Routes.EditAccount("../x").ShouldBe("/accounts/..%2Fx/edit");
        Routes.DeleteAccount("id").ShouldBe("/accounts/id/delete");
        Routes.EnablePlugin("p").ShouldBe("/plugins/p/enable");
    }

    [Fact]
    public void AFilledPattern_NeedsAsManyValuesAsItHasParameters()
    {
        Should.Throw<ArgumentException>(() => Routes.Fill(Routes.NewAccountPattern, "only-one"));
        Should.Throw<ArgumentException>(() => Routes.Fill(Routes.ConnectorPattern, "one", "two"));
    }

    [Theory]
    [InlineData("odd id with spaces?&#")]
    [InlineData("<script>")]
    public async Task ALinkToAnAccount_ReachesItsScreen_WithTheIdIntact(string accountId)
    {
        await using var web = await WebSandbox.StartAsync();

        var (status, html) = await web.Client.GetPageAsync(Routes.EditAccount(accountId));

        status.ShouldBe(HttpStatusCode.NotFound);
        WebUtility.HtmlDecode(html).ShouldContain($"There is no account with id '{accountId}'.", customMessage: "the edit screen answered, with the id as sent");
    }
}
