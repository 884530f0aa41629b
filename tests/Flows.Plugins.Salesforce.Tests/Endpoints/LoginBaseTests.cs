using Flows.Plugins.Salesforce.Validation;

namespace Flows.Plugins.Salesforce.Tests.Endpoints;

public sealed class LoginBaseTests
{
    [Theory]
    [InlineData("https://login.salesforce.com/", true, "https://test.salesforce.com/")]
    [InlineData("https://login.salesforce.com/", false, "https://login.salesforce.com/")]
    [InlineData("https://test.salesforce.com/", false, "https://test.salesforce.com/")]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com/", true, "https://acme--uat.sandbox.my.salesforce.com/")]
    [InlineData("https://acme.my.salesforce.com/", true, "https://acme.my.salesforce.com/")]
    public void LoginBase_SandboxOnTheProductionDefault_GoesToTheSandboxHostAndMyDomainIsKept(string given, bool sandbox, string expected)
    {
        StandardAccountValidator.LoginBase(new Uri(given), sandbox).ToString().ShouldBe(expected);
    }
}
