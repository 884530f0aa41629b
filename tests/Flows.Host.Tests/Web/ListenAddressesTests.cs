using Flows.Web.Hosting;

namespace Flows.Host.Tests.Web;

public sealed class ListenAddressesTests
{
    private const string GoodToken = "a-long-enough-access-credential";

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void Check_OnLoopback_NeedsNoCredential(string urls) =>
        ListenAddresses.Check(urls, accessToken: null).Problem.ShouldBeNull();

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://127.0.0.1:5080;http://10.0.0.5:5080")]
    public void Check_OnAnyOtherAddressWithoutCredential_RefusesAndSaysHow(string urls)
    {
        var problem = ListenAddresses.Check(urls, accessToken: null).Problem;

        problem.ShouldNotBeNull();
        problem.ShouldContain("Refusing to listen");
        problem.ShouldContain(FlowsWebOptions.AccessTokenVariable);
    }

    [Fact]
    public void Check_OnAnyAddressWithCredential_Accepts() =>
        ListenAddresses.Check("http://0.0.0.0:5080", GoodToken).Problem.ShouldBeNull();

    [Fact]
    public void Check_WithShortCredential_Refuses() =>
        ListenAddresses.Check("http://0.0.0.0:5080", "short").Problem.ShouldNotBeNull().ShouldContain("too short");

    [Theory]
    [InlineData("https://127.0.0.1:5080", "plain HTTP")]
    [InlineData("ftp://127.0.0.1:21", "not an address")]
    [InlineData("127.0.0.1:5080", "not an address")]
    [InlineData("http://127.0.0.1:5080/flows", "no path")]
    [InlineData(";", "No address")]
    public void Check_WithUnusableAddress_SaysWhy(string urls, string expected) =>
        ListenAddresses.Check(urls, accessToken: null).Problem.ShouldNotBeNull().ShouldContain(expected);
}
