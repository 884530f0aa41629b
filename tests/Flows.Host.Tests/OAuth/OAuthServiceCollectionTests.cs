using Flows.Host.OAuth.Protocol;
using Microsoft.Extensions.Configuration;

namespace Flows.Host.Tests.OAuth;

/// <summary>The protocol client as the host registers it, with the operator's clients read from configuration.</summary>
public sealed class OAuthServiceCollectionTests
{
    [Fact]
    public void AddFlowsOAuthProtocol_ReadsTheOperatorsClientsFromTheOAuthSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OAuth:Clients:acme:ClientId"] = "operator-id",
            ["OAuth:Clients:acme:ClientSecret"] = "operator-secret",
        }).Build();
        using var services = new ServiceCollection()
            .AddFlowsPlugins(o => o.BundledPluginsDirectory = null)
            .AddFlowsOAuthProtocol(configuration)
            .BuildServiceProvider();

        var client = services.GetRequiredService<OAuthClient>();
        var context = client.Resolve(OAuthHarness.PluginId, OAuthHarness.Declaration(), new JsonObject { ["loginUrl"] = "https://login.acme-id.example", ["clientId"] = "user-id" }).Context!;

        context.ClientId.ShouldBe("operator-id");
        context.ClientSecret.ShouldBe("operator-secret");
        services.GetRequiredService<OAuthClient>().ShouldBeSameAs(client);
    }
}
