using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Hosting;
using Flows.Host.OAuth.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Host.Tests.OAuth;

/// <summary>
/// When the operator registers the provider's app for everyone (OAuth:Clients), users only click
/// "Sign in": the account type's client id and secret fields leave the form.
/// </summary>
public sealed class OperatorClientFormTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public OperatorClientFormTests() => _sandbox.Add(Fixtures.Salesforce, bundled: true);

    [Fact]
    public void Without_an_operator_client_the_form_asks_for_the_consumer_key_as_required_and_the_secret()
    {
        using var host = Host(clientId: null);

        Visible(host).ShouldContain("Consumer key");
        Visible(host).ShouldContain("Consumer secret");
        var form = host.GetRequiredService<AccountForms>().Get("salesforce.oauth").Form!;
        form.Fields.Single(f => f.Title == "Consumer key").Required.ShouldBeTrue();
        form.Schema.Submit(new FormValues().Add("loginUrl", "https://login.salesforce.com")).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void With_an_operator_client_the_form_hides_the_consumer_key_and_secret_and_saves_without_them()
    {
        using var host = Host(clientId: "operator-app");

        Visible(host).ShouldNotContain("Consumer key");
        Visible(host).ShouldNotContain("Consumer secret");
        Visible(host).ShouldContain("Login URL");
        var form = host.GetRequiredService<AccountForms>().Get("salesforce.oauth").Form!;
        var submission = form.Schema.Submit(new FormValues().Add("loginUrl", "https://login.salesforce.com"));
        submission.IsValid.ShouldBeTrue(string.Join("; ", submission.Errors.Form.Concat(submission.Errors.Fields.SelectMany(f => f.Value))));
        submission.Instance.ContainsKey("consumerKey").ShouldBeFalse();
    }

    [Fact]
    public void An_operator_client_for_another_provider_changes_nothing()
    {
        using var host = Host(clientId: "operator-app", configKey: "someone-else");

        Visible(host).ShouldContain("Consumer key");
    }

    private static string[] Visible(ServiceProvider host) =>
        [.. host.GetRequiredService<AccountForms>().Get("salesforce.oauth").Form!.Fields.Where(f => !f.Hidden).Select(f => f.Title)];

    private ServiceProvider Host(string? clientId, string configKey = "salesforce")
    {
        var services = new ServiceCollection()
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = _sandbox.Home;
                o.BundledPluginsDirectory = _sandbox.Bundled;
            })
            .AddFlowsAccounts();
        if (clientId is not null)
        {
            services.Configure<OAuthOptions>(o => o.Clients[configKey] = new OAuthClientCredentials { ClientId = clientId });
        }

        return services.BuildServiceProvider();
    }

    public void Dispose() => _sandbox.Dispose();
}
