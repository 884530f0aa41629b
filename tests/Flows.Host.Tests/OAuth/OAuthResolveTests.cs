using Flows.Host.OAuth.Protocol;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.OAuth;

/// <summary>How a declaration and an account's values become endpoints and a client, or a problem with a field to blame.</summary>
public sealed class OAuthResolveTests
{
    private static readonly string[] SalesforceHosts = ["login.salesforce.com", "test.salesforce.com", "*.salesforce.com"];

    private static OAuthDeclaration Salesforce(string tokenUrl = "{loginUrl}/services/oauth2/token") => new()
    {
        Provider = "Salesforce",
        Flow = OAuthFlow.AuthorizationCode,
        AuthorizationUrl = "{loginUrl}/services/oauth2/authorize",
        TokenUrl = tokenUrl,
        RevocationUrl = "{loginUrl}/services/oauth2/revoke",
        IdentityUrl = "{token.id}",
        Client = new OAuthClientDeclaration { ConfigKey = "salesforce", IdField = "consumerKey", SecretField = "consumerSecret" },
        Hosts = SalesforceHosts,
    };

    private static JsonObject Account(string loginUrl, string? key = "3MVG9-key") => new() { ["loginUrl"] = loginUrl, ["consumerKey"] = key };

    [Theory]
    [InlineData("https://login.salesforce.com", "https://login.salesforce.com/services/oauth2/token")]
    [InlineData("https://test.salesforce.com/", "https://test.salesforce.com/services/oauth2/token")]
    [InlineData("https://acme.my.salesforce.com/some/page?x=1", "https://acme.my.salesforce.com/services/oauth2/token")]
    [InlineData("https://LOGIN.Salesforce.com.", "https://login.salesforce.com/services/oauth2/token")]
    public void Resolve_AFieldTemplate_IsThatFieldsOriginWithTheDeclaredPath(string loginUrl, string expected)
    {
        using var harness = new OAuthHarness();

        var resolution = harness.Client.Resolve("flows.salesforce", Salesforce(), Account(loginUrl));

        resolution.Failure.ShouldBeNull();
        resolution.Context!.TokenEndpoint.AbsoluteUri.ShouldBe(expected);
        resolution.Context.AuthorizationEndpoint!.AbsolutePath.ShouldBe("/services/oauth2/authorize");
        resolution.Context.RevocationEndpoint!.AbsolutePath.ShouldBe("/services/oauth2/revoke");
        resolution.Context.IdentityEndpoint.ShouldBe("{token.id}");
    }

    [Theory]
    [InlineData("https://login.salesforce.com.evil.example")]
    [InlineData("https://evilsalesforce.com")]
    [InlineData("https://salesforce.com.evil.example/services")]
    [InlineData("https://login-salesforce.com")]
    public void Resolve_AFieldOnAHostOutsideTheDeclaredHosts_IsRefused_BlamingThatField(string loginUrl)
    {
        using var harness = new OAuthHarness();

        var resolution = harness.Client.Resolve("flows.salesforce", Salesforce(), Account(loginUrl));

        resolution.Succeeded.ShouldBeFalse();
        resolution.Failure.Field.ShouldBe("loginUrl");
        resolution.Failure.Message.ShouldBe($"'{new Uri(loginUrl).Host}' is not a Salesforce address.");
    }

    [Theory]
    [InlineData("http://login.salesforce.com", "Enter a URL starting with https://.")]
    [InlineData("ftp://login.salesforce.com", "Enter a URL starting with https://.")]
    [InlineData("login.salesforce.com", "Enter a URL starting with https://.")]
    [InlineData("https://user:pass@login.salesforce.com", "The URL must not contain a user name or password.")]
    [InlineData("", "Enter a URL such as https://login.example.com.")]
    public void Resolve_AFieldThatIsNotAnHttpsUrl_IsRefused_BlamingThatField(string loginUrl, string message)
    {
        using var harness = new OAuthHarness();

        var resolution = harness.Client.Resolve("flows.salesforce", Salesforce(), Account(loginUrl));

        resolution.Failure.ShouldBe(new OAuthFailure(message, "loginUrl", OAuthFailureKind.Invalid));
    }

    [Fact]
    public void Resolve_AFixedEndpointOutsideTheDeclaredHosts_IsTheManifestsMistake_NamingThePlugin_BlamingNoField()
    {
        using var harness = new OAuthHarness();

        var resolution = harness.Client.Resolve("acme.broken", Salesforce("https://tokens.example.net/token"), Account("https://login.salesforce.com"));

        resolution.Failure!.Field.ShouldBeNull();
        resolution.Failure.Message.ShouldBe("The plugin acme.broken declares a token endpoint that is on 'tokens.example.net', outside the plugin's hosts.");
    }

    [Fact]
    public void Resolve_WithoutDeclaredHosts_AcceptsAnyHttpsHost_ASelfHostedProvider()
    {
        using var harness = new OAuthHarness();
        var declaration = Salesforce() with { Hosts = [] };

        var resolution = harness.Client.Resolve("acme.keycloak", declaration, Account("https://sso.corp.example/realms/x"));

        resolution.Context!.TokenEndpoint.AbsoluteUri.ShouldBe("https://sso.corp.example/services/oauth2/token");
    }

    [Fact]
    public void Resolve_PlainHttpOnAnEndpointTheOperatorDidNotAllow_IsRefused_EvenWithoutDeclaredHosts()
    {
        using var harness = new OAuthHarness();
        var declaration = Salesforce() with { Hosts = [] };

        var resolution = harness.Client.Resolve("acme.keycloak", declaration, Account("http://127.0.0.1:8080"));

        resolution.Failure.ShouldBe(new OAuthFailure("Enter a URL starting with https://.", "loginUrl", OAuthFailureKind.Invalid));
    }

    [Fact]
    public void Resolve_AnEndpointTheOperatorAllowListed_IsAccepted_OutsideTheHosts_AndOverPlainHttpToThisMachine()
    {
        using var harness = new OAuthHarness(allowed: "127.0.0.1:8443");

        var resolution = harness.Client.Resolve(OAuthHarness.PluginId, Salesforce(), Account("http://127.0.0.1:8443"));

        resolution.Context!.TokenEndpoint.AbsoluteUri.ShouldBe("http://127.0.0.1:8443/services/oauth2/token");
    }

    [Fact]
    public void Resolve_AnAllowListOfAnotherPlugin_DoesNotCount()
    {
        using var harness = new OAuthHarness(allowed: "127.0.0.1:8443");

        var resolution = harness.Client.Resolve("another.plugin", Salesforce(), Account("http://127.0.0.1:8443"));

        resolution.Failure!.Field.ShouldBe("loginUrl");
    }

    [Fact]
    public void Resolve_TheOperatorsClient_WinsOverTheAccountsFields()
    {
        using var harness = new OAuthHarness(operatorSettings: o => o.Clients["salesforce"] = new OAuthClientCredentials { ClientId = "operator-id", ClientSecret = "operator-secret" });
        var account = Account("https://login.salesforce.com", key: "user-id");
        account["consumerSecret"] = "user-secret";

        var context = harness.Client.Resolve("flows.salesforce", Salesforce(), account).Context!;

        context.ClientId.ShouldBe("operator-id");
        context.ClientSecret.ShouldBe("operator-secret");
        context.ClientFromConfiguration.ShouldBeTrue();
    }

    [Fact]
    public void Resolve_WithoutTheOperatorsClient_TakesTheAccountsFields()
    {
        using var harness = new OAuthHarness(operatorSettings: o => o.Clients["other"] = new OAuthClientCredentials { ClientId = "x" });
        var account = Account("https://login.salesforce.com", key: " user-id ");
        account["consumerSecret"] = "user-secret";

        var context = harness.Client.Resolve("flows.salesforce", Salesforce(), account).Context!;

        context.ClientId.ShouldBe("user-id");
        context.ClientSecret.ShouldBe("user-secret");
        context.ClientFromConfiguration.ShouldBeFalse();
    }

    [Fact]
    public void Resolve_NoClientId_IsAProblem_BlamingTheIdField()
    {
        using var harness = new OAuthHarness();

        var resolution = harness.Client.Resolve("flows.salesforce", Salesforce(), Account("https://login.salesforce.com", key: null));

        resolution.Failure.ShouldBe(new OAuthFailure("Enter the client id (consumer key) of the app registered at Salesforce.", "consumerKey", OAuthFailureKind.Invalid));
    }

    [Fact]
    public void Resolve_NoClientIdAndNoIdField_AsksTheOperator_BlamingNoField()
    {
        using var harness = new OAuthHarness();
        var declaration = Salesforce() with { Client = new OAuthClientDeclaration { ConfigKey = "salesforce" } };

        var resolution = harness.Client.Resolve("flows.salesforce", declaration, Account("https://login.salesforce.com"));

        resolution.Failure.ShouldBe(new OAuthFailure("The Flows operator has not configured the Salesforce app: set OAuth:Clients:salesforce:ClientId.", null, OAuthFailureKind.Invalid));
    }

    [Fact]
    public void Resolve_ClientCredentialsWithoutASecret_IsAProblem_BlamingTheSecretField()
    {
        using var harness = new OAuthHarness();
        var declaration = Salesforce() with { Flow = OAuthFlow.ClientCredentials, AuthorizationUrl = null };

        var resolution = harness.Client.Resolve("flows.salesforce", declaration, Account("https://acme.my.salesforce.com"));

        resolution.Failure!.Field.ShouldBe("consumerSecret");
    }

    [Theory]
    [InlineData("*.salesforce.com", "a.salesforce.com", true)]
    [InlineData("*.salesforce.com", "a.b.salesforce.com", true)]
    [InlineData("*.salesforce.com", "salesforce.com", false)]
    [InlineData("*.salesforce.com", "evilsalesforce.com", false)]
    [InlineData("*.salesforce.com", "salesforce.com.evil.example", false)]
    [InlineData("login.salesforce.com", "login.salesforce.com", true)]
    [InlineData("login.salesforce.com", "login.salesforce.com.evil.example", false)]
    [InlineData("Login.Salesforce.com", "login.salesforce.com", true)]
    public void HostMatches_WholeLabelsOnly(string pattern, string host, bool matches) =>
        OAuthEndpointRules.HostMatches(host, pattern).ShouldBe(matches);
}
