using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Manifests;
using Flows.Plugins.Salesforce.Endpoints;

namespace Flows.Plugins.Salesforce.Tests.Manifest;

/// <summary>
/// The plugin's manifest as the host reads it: the three OAuth account types, their declarations naming
/// fields their schemas have, their hosts the same as the endpoint policy's login hosts, and their
/// exports agreeing with the manifest once the plugin's code is activated.
/// </summary>
public sealed partial class OAuthManifestTests : ConnectorThroughTheHost
{
    private static readonly string[] OAuthTypes = ["salesforce.oauth", "salesforce.jwt", "salesforce.client-credentials"];

    private ServiceProvider CreateHost() => CreateHost("FLOWS_SALESFORCE_ALLOWED_HOSTS", null);

    private IReadOnlyList<AccountContribution> Accounts()
    {
        using var host = CreateHost();
        var plugin = host.GetRequiredService<PluginCatalog>().Find(Validators.PluginId).ShouldNotBeNull();
        plugin.Status.ShouldBe(PluginStatus.Active, plugin.Reason);
        return plugin.Accounts;
    }

    [Fact]
    public void Manifest_DeclaresEveryAccountTypeWithOAuthOnlyOnTheThreeNewOnes()
    {
        var accounts = Accounts();

        accounts.Select(a => (a.Id, a.Title, a.OAuth?.Flow)).ShouldBe(
        [
            ("salesforce.standard", "Salesforce.com account", null),
            ("salesforce.dynamic", "Salesforce.com dynamic account", null),
            ("salesforce.oauth", "Salesforce.com OAuth account", OAuthFlow.AuthorizationCode),
            ("salesforce.jwt", "Salesforce.com JWT bearer account", OAuthFlow.JwtBearer),
            ("salesforce.client-credentials", "Salesforce.com client credentials account", OAuthFlow.ClientCredentials),
        ]);
    }

    [Fact]
    public void OAuthHosts_AreTheEndpointPolicysLoginHosts()
    {
        foreach (var account in Accounts().Where(a => a.OAuth is not null))
        {
            account.OAuth!.Hosts.ShouldBe(SalesforceEndpointPolicy.LoginHosts, account.Id);
        }
    }

    [Theory]
    [InlineData("login.salesforce.com")]
    [InlineData("test.salesforce.com")]
    [InlineData("acme.my.salesforce.com")]
    [InlineData("acme--uat.sandbox.my.salesforce.com")]
    [InlineData("agency.my.salesforce.mil")]
    [InlineData("acme.my.sfcrmproducts.cn")]
    [InlineData("acme.my-salesforce.com")]
    public void LoginHosts_EachIsASalesforceHostToThePolicy(string host)
    {
        SalesforceEndpointPolicy.LoginHosts.ShouldContain(pattern => SalesforceEndpointPolicy.Matches(host, pattern));
        SalesforceEndpointPolicy.IsSalesforceHost(host).ShouldBeTrue();
    }

    [Theory]
    [InlineData("login.salesforce.com.evil.example")]
    [InlineData("evilmy.salesforce.com")]
    [InlineData("my.salesforce.com")]
    [InlineData("acme.lightning.force.com")]
    public void LoginHosts_MatchWholeLabelsOnly(string host) =>
        SalesforceEndpointPolicy.LoginHosts.ShouldNotContain(pattern => SalesforceEndpointPolicy.Matches(host, pattern));

    [Fact]
    public void OAuthDeclarations_NameOnlyFieldsTheirSchemasHave()
    {
        foreach (var account in Accounts().Where(a => a.OAuth is not null))
        {
            using var schema = JsonDocument.Parse(File.ReadAllText(account.SchemaPath));
            var fields = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            var oauth = account.OAuth!;
            var named = new[] { oauth.AuthorizationUrl, oauth.TokenUrl, oauth.RevocationUrl, oauth.IdentityUrl }
                .Select(url => url is null ? null : FieldOf().Match(url) is { Success: true } m ? m.Groups[1].Value : null)
                .Concat([oauth.Client.IdField, oauth.Client.SecretField, oauth.Jwt?.SubjectField, oauth.Jwt?.PrivateKeyField])
                .Concat(oauth.Jwt?.AudienceWhen.Select(r => r.Field) ?? [])
                .Concat(oauth.Errors.Select(e => e.Field))
                .OfType<string>();

            named.ShouldAllBe(field => fields.Contains(field), account.Id);
        }
    }

    [Fact]
    public void OAuthErrors_EachIsOneSentenceWithNoDuplicateMatch()
    {
        foreach (var account in Accounts().Where(a => a.OAuth is not null))
        {
            var errors = account.OAuth!.Errors;
            errors.Select(e => (e.Error, e.Description)).ShouldBeUnique(account.Id);
            errors.ShouldAllBe(e => e.Message.EndsWith('.') && !e.Message.TrimEnd('.').Contains(". ", StringComparison.Ordinal), account.Id);
            errors.ShouldContain(e => e.Error == "rate_limit_exceeded" && e.Retry, account.Id);
        }
    }

    [Fact]
    public async Task Activate_ExportsADefinitionAndAValidatorForEveryAccountTypeAgreeingWithTheManifest()
    {
        using var host = CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var activation = await catalog.ActivateAsync(Validators.PluginId, CancellationToken.None);

        activation.IsSuccess.ShouldBeTrue(activation.Reason);
        activation.Plugin!.Definitions.Select(d => d.Id).ShouldBe(
            ["salesforce.standard", "salesforce.dynamic", .. OAuthTypes], ignoreOrder: true);
        foreach (var id in OAuthTypes)
        {
            var (validator, _) = await catalog.FindValidatorAsync(id, CancellationToken.None);
            validator.ShouldNotBeNull(id);
        }
    }

    [Fact]
    public void StandardAccount_SaysSoapLoginRetiresAndPointsToTheOAuthAccount()
    {
        var standard = Accounts().Single(a => a.Id == "salesforce.standard");
        using var schema = JsonDocument.Parse(File.ReadAllText(standard.SchemaPath));

        foreach (var description in new[] { standard.Description, new StandardAccountDefinition().Description, schema.RootElement.GetProperty("description").GetString()! })
        {
            description.ShouldContain("June 2027 (Summer '27)");
            description.ShouldContain("use the Salesforce.com OAuth account instead");
        }
    }

    [Fact]
    public async Task FormsCheck_OnTheOAuthSchemas_PassesWithTheirSecrets()
    {
        string Schema(string file) => Path.Combine(FixtureFolders.PathOf(Fixtures.Salesforce), "schemas", file);

        var run = await FlowsCommand.RunAsync(
            Home,
            "forms", "check", Schema("salesforce.oauth.schema.json"), Schema("salesforce.jwt.schema.json"), Schema("salesforce.client-credentials.schema.json"));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("✔ salesforce.oauth.schema.json: 4 input(s), 1 secret(s): consumerSecret;");
        run.Out.ShouldContain("✔ salesforce.jwt.schema.json: 5 input(s), 1 secret(s): privateKey;");
        run.Out.ShouldContain("✔ salesforce.client-credentials.schema.json: 3 input(s), 1 secret(s): consumerSecret;");
        run.Out.ShouldContain("3 of 3 schema(s) passed.");
    }

    [GeneratedRegex(@"^\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex FieldOf();
}
