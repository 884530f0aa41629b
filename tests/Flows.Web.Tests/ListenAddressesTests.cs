using Flows.Web.Hosting;

namespace Flows.Web.Tests;

public sealed class ListenAddressesTests
{
    private const string GoodToken = "Nq5vB8xT2kM7rW1cZ4hL9pD6sG3fJ0yA";

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

    [Theory]
    [InlineData("http://[::ffff:127.0.0.1]:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    public void Check_ReadsAnIPv4MappedAddressAsItsIPv4Form(string urls, string expected)
    {
        var (addresses, problem) = ListenAddresses.Check(urls, accessToken: null);

        problem.ShouldBeNull();
        addresses.ShouldHaveSingleItem().ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::ffff:127.0.0.1]:5080")]
    [InlineData("http://unix:/run/flows.sock")]
    public void CheckBound_OnLoopbackOnly_NeedsNoCredential_AndChecksTheHostHeader(string bound)
    {
        var (loopbackOnly, problem) = ListenAddresses.CheckBound([bound], accessToken: null);

        problem.ShouldBeNull();
        loopbackOnly.ShouldBeTrue();
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.0.2.2:5080")]
    [InlineData("not an address")]
    public void CheckBound_OnAnyOtherAddressWithoutCredential_RefusesWithTheSameSentence(string bound)
    {
        var (_, problem) = ListenAddresses.CheckBound(["http://127.0.0.1:5080", bound], accessToken: null);

        problem.ShouldNotBeNull().ShouldStartWith($"Refusing to listen on {bound}: anyone who can reach that address");
        problem.ShouldContain(FlowsWebOptions.AccessTokenVariable);
    }

    [Fact]
    public void CheckBound_OnAnyAddressWithCredential_Accepts_WithoutTheHostCheck()
    {
        var (loopbackOnly, problem) = ListenAddresses.CheckBound(["http://0.0.0.0:5080"], GoodToken);

        problem.ShouldBeNull();
        loopbackOnly.ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://127.0.0.1:5080", "plain HTTP")]
    [InlineData("ftp://127.0.0.1:21", "not an address")]
    [InlineData("127.0.0.1:5080", "not an address")]
    [InlineData("http://127.0.0.1:5080/flows", "no path")]
    [InlineData(";", "No address")]
    public void Check_WithUnusableAddress_SaysWhy(string urls, string expected) =>
        ListenAddresses.Check(urls, accessToken: null).Problem.ShouldNotBeNull().ShouldContain(expected);
}
