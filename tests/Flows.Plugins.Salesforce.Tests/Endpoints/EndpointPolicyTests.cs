using Flows.Plugins.Salesforce.Endpoints;

namespace Flows.Plugins.Salesforce.Tests.Endpoints;

public sealed class EndpointPolicyTests
{
    private static readonly SalesforceEndpointPolicy Policy = Allowing("127.0.0.1:8443, localhost:5555, proxy.corp.example, [::1]:7000");

    public static TheoryData<string, string> GoodLoginUrls => new()
    {
        { "https://login.salesforce.com", "https://login.salesforce.com/" },
        { "https://login.salesforce.com/", "https://login.salesforce.com/" },
        { "https://LOGIN.Salesforce.COM/", "https://login.salesforce.com/" },
        { "https://login.salesforce.com./", "https://login.salesforce.com/" },
        { "https://login.salesforce.com:443/", "https://login.salesforce.com/" },
        { "https://login.salesforce.com/services/Soap/u/64.0", "https://login.salesforce.com/" },
        { "https://login.salesforce.com/?startURL=%2Fhome", "https://login.salesforce.com/" },
        { "https://login.salesforce.com/#fragment", "https://login.salesforce.com/" },
        { "  https://login.salesforce.com/  ", "https://login.salesforce.com/" },
        { "https://test.salesforce.com/", "https://test.salesforce.com/" },
        { "https://acme.my.salesforce.com", "https://acme.my.salesforce.com/" },
        { "https://acme.my.salesforce.com/home/home.jsp", "https://acme.my.salesforce.com/" },
        { "https://acme-corp.my.salesforce.com/", "https://acme-corp.my.salesforce.com/" },
        { "https://acme123.my.salesforce.com/", "https://acme123.my.salesforce.com/" },
        { "https://acme--uat.sandbox.my.salesforce.com/", "https://acme--uat.sandbox.my.salesforce.com/" },
        { "https://acme--dev.sandbox.my.salesforce.com./", "https://acme--dev.sandbox.my.salesforce.com/" },
        { "https://acme.develop.my.salesforce.com/", "https://acme.develop.my.salesforce.com/" },
        { "https://acme.scratch.my.salesforce.com/", "https://acme.scratch.my.salesforce.com/" },
        { "https://acme.demo.my.salesforce.com/", "https://acme.demo.my.salesforce.com/" },
        { "https://acme.patch.my.salesforce.com/", "https://acme.patch.my.salesforce.com/" },
        { "https://acme.trailblaze.my.salesforce.com/", "https://acme.trailblaze.my.salesforce.com/" },
        { "https://acme.free.my.salesforce.com/", "https://acme.free.my.salesforce.com/" },
        { "https://agency.my.salesforce.mil/", "https://agency.my.salesforce.mil/" },
        { "https://acme.my.sfcrmproducts.cn/", "https://acme.my.sfcrmproducts.cn/" },
        { "https://acme.my-salesforce.com/", "https://acme.my-salesforce.com/" },
        { "https://na12.salesforce.com/", "https://na12.salesforce.com/" },
        { "https://cs18.salesforce.com/", "https://cs18.salesforce.com/" },
        { "https://ap15.salesforce.com/", "https://ap15.salesforce.com/" },
        { "https://eu40.salesforce.com/", "https://eu40.salesforce.com/" },
        { "https://usa77.salesforce.com/", "https://usa77.salesforce.com/" },
        { "https://na1-api.salesforce.com/", "https://na1-api.salesforce.com/" },
        { "https://cs101.salesforce.com/", "https://cs101.salesforce.com/" },
        { "http://127.0.0.1:8443/", "http://127.0.0.1:8443/" },
        { "https://127.0.0.1:8443/", "https://127.0.0.1:8443/" },
        { "http://localhost:5555/", "http://localhost:5555/" },
        { "http://LOCALHOST:5555", "http://localhost:5555/" },
        { "https://proxy.corp.example/", "https://proxy.corp.example/" },
        { "https://proxy.corp.example:443/", "https://proxy.corp.example/" },
        { "http://[::1]:7000/", "http://[::1]:7000/" },
        { "https://xn--acm-fla.my.salesforce.com/", "https://xn--acm-fla.my.salesforce.com/" },
    };

    public static TheoryData<string, string> HostileLoginUrls => new()
    {
        // Look-alike suffixes and substrings.
        { "https://login.salesforce.com.evil.example/", "is not one" },
        { "https://evilsalesforce.com/", "is not one" },
        { "https://salesforce.com/", "is not one" },
        { "https://www.salesforce.com/", "is not one" },
        { "https://login-salesforce.com/", "is not one" },
        { "https://loginsalesforce.com/", "is not one" },
        { "https://login.salesforce.co/", "is not one" },
        { "https://login.salesforce.com.cn/", "is not one" },
        { "https://my.salesforce.com/", "is not one" },
        { "https://evilmy.salesforce.com/", "is not one" },
        { "https://acme.my.salesforce.com.evil.example/", "is not one" },
        { "https://acme.my.salesforce.community/", "is not one" },
        { "https://acmemy.salesforce.com/", "is not one" },
        { "https://acme.mysalesforce.com/", "is not one" },
        { "https://my-salesforce.com/", "is not one" },
        { "https://salesforce.com.evil.example/", "is not one" },
        { "https://evil.example/login.salesforce.com", "is not one" },
        { "https://evil.example/?u=https://login.salesforce.com", "is not one" },
        { "https://evil.example#login.salesforce.com", "is not one" },
        { "https://evil.example\\@login.salesforce.com/", "must be a URL" },
        { "https://na12.salesforce.com.evil.example/", "is not one" },
        { "https://evil.salesforce.com/", "is not one" },
        { "https://na12x.salesforce.com/", "is not one" },
        { "https://a.b.salesforce.com/", "is not one" },
        { "https://my.salesforce.mil/", "is not one" },
        { "https://force.com/", "is not one" },
        { "https://acme.force.com/", "is not one" },
        // IDN look-alikes: Cyrillic letters, fullwidth letters.
        { "https://login.sаlesforce.com/", "is not one" },
        { "https://lоgin.salesforce.com/", "is not one" },
        { "https://login.salesforce.cоm/", "is not one" },
        { "https://xn--login-salesforce-com.evil.example/", "is not one" },
        // User-info.
        { "https://user@login.salesforce.com/", "must not contain a user name or password" },
        { "https://user:pass@login.salesforce.com/", "must not contain a user name or password" },
        { "https://login.salesforce.com@evil.example/", "must not contain a user name or password" },
        { "https://login.salesforce.com:443@evil.example/", "must not contain a user name or password" },
        { "https://:@login.salesforce.com/", "must not contain a user name or password" },
        // Schemes.
        { "http://login.salesforce.com/", "must start with https://" },
        { "ftp://login.salesforce.com/", "must start with https://" },
        { "file:///etc/passwd", "must be a URL" },
        { "javascript:alert(1)", "must be a URL" },
        { "ws://login.salesforce.com/", "must start with https://" },
        { "http://proxy.corp.example/", "must start with https://" },
        // Ports.
        { "https://login.salesforce.com:8443/", "must not name a port" },
        { "https://acme.my.salesforce.com:444/", "must not name a port" },
        { "https://login.salesforce.com:80/", "must not name a port" },
        { "https://proxy.corp.example:8443/", "must not name a port" },
        // IP literals, including ones spelt unusually, and loopback not on the operator's list.
        { "https://127.0.0.1/", "not an IP address" },
        { "https://10.0.0.5/", "not an IP address" },
        { "https://169.254.169.254/", "not an IP address" },
        { "https://[::1]/", "not an IP address" },
        { "https://2130706433/", "not an IP address" },
        { "https://0x7f000001/", "not an IP address" },
        { "https://127.1/", "not an IP address" },
        { "http://127.0.0.1:9999/", "must start with https://" },
        { "https://localhost/", "is not one" },
        // Not URLs at all.
        { "login.salesforce.com", "must be a URL" },
        { "//login.salesforce.com", "must start with https://" },
        { "", "is required" },
        { "   ", "is required" },
        { "https://", "must be a URL" },
        // Lightning addresses only serve the browser.
        { "https://acme.lightning.force.com/", "Use https://acme.my.salesforce.com instead" },
        { "https://acme--uat.sandbox.lightning.force.com/", "Use https://acme--uat.sandbox.my.salesforce.com instead" },
    };

    [Theory]
    [MemberData(nameof(GoodLoginUrls))]
    public void LoginUrl_SalesforceOrAllowedAddress_IsAcceptedAsItsBaseAddress(string url, string expected)
    {
        var decision = Policy.Check(url, SalesforceUrlKind.Login, "Login URL");

        decision.Problem.ShouldBeNull();
        decision.BaseAddress!.ToString().ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(HostileLoginUrls))]
    public void LoginUrl_HostileOrWrongAddress_IsRefusedWithAReason(string url, string reason)
    {
        var decision = Policy.Check(url, SalesforceUrlKind.Login, "Login URL");

        decision.BaseAddress.ShouldBeNull();
        decision.Problem.ShouldNotBeNull().ShouldStartWith("Login URL");
        decision.Problem.ShouldContain(reason);
    }

    [Fact]
    public void TheTables_HoldAtLeastFortyGoodAndSixtyHostileAddresses()
    {
        GoodLoginUrls.Count.ShouldBeGreaterThanOrEqualTo(40);
        HostileLoginUrls.Count.ShouldBeGreaterThanOrEqualTo(60);
    }

    [Theory]
    [InlineData("https://login.salesforce.com/")]
    [InlineData("https://test.salesforce.com")]
    public void InstanceUrl_TheGenericLoginHost_IsRefusedWithAHint(string url)
    {
        var decision = Policy.Check(url, SalesforceUrlKind.Instance, "Instance URL");

        decision.Problem.ShouldBe("Instance URL is a login address, not the address your org runs at. Use your org's address, e.g. https://yourdomain.my.salesforce.com.");
    }

    [Theory]
    [InlineData("https://acme.my.salesforce.com")]
    [InlineData("https://ap15.salesforce.com")]
    public void InstanceUrl_MyDomainOrInstanceHost_IsAccepted(string url)
    {
        Policy.Check(url, SalesforceUrlKind.Instance, "Instance URL").BaseAddress.ShouldNotBeNull();
    }

    [Fact]
    public void AllowList_EntryWithoutPort_AllowsOnlyTheDefaultPort()
    {
        var policy = Allowing("standin.internal");

        policy.Check("https://standin.internal/", SalesforceUrlKind.Login, "Login URL").BaseAddress.ShouldNotBeNull();
        policy.Check("https://standin.internal:8443/", SalesforceUrlKind.Login, "Login URL").BaseAddress.ShouldBeNull();
        policy.Check("http://standin.internal/", SalesforceUrlKind.Login, "Login URL").Problem.ShouldNotBeNull().ShouldContain("https://");
    }

    [Fact]
    public void AllowList_IsEmptyByDefault_SoLoopbackIsRefused()
    {
        var policy = Allowing(string.Empty);

        policy.Check("http://127.0.0.1:8443/", SalesforceUrlKind.Login, "Login URL").BaseAddress.ShouldBeNull();
    }

    // The operator's FLOWS_SALESFORCE_ALLOWED_HOSTS, as the host reads it for this plugin.
    private static SalesforceEndpointPolicy Allowing(string allowed)
    {
        var options = new Flows.Host.Hosting.FlowsHostOptions { OutboundAllowedHosts = null };
        options.PluginAllowedHosts["flows.salesforce"] = allowed;
        return new SalesforceEndpointPolicy(new Flows.Host.Outbound.OutboundPolicy(options, "flows.salesforce"));
    }
}
