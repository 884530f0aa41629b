using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Flows.Host.Plugins;

namespace Flows.Plugins.Salesforce.Tests.Validation;

/// <summary>
/// The real plugin build, activated by the host in its own load context, validating against the
/// stand-in that the operator allowed through FLOWS_SALESFORCE_ALLOWED_HOSTS — the way a demo runs.
/// </summary>
[Collection(StandInTests.Name)]
public sealed class ThroughTheHostTests(StandInFixture fixture) : ConnectorThroughTheHost
{
    private ServiceProvider CreateHost(string? allowedHosts = null) => CreateHost("FLOWS_SALESFORCE_ALLOWED_HOSTS", allowedHosts);

    [Fact]
    public async Task SaveAndValidate_ThroughTheActivatedPlugin_ReachesTheAllowedStandIn()
    {
        using var host = CreateHost(allowedHosts: fixture.StandIn.HostAndPort);
        var catalog = host.GetRequiredService<PluginCatalog>();

        var (standard, activation) = await catalog.FindValidatorAsync("salesforce.standard", CancellationToken.None);
        var (dynamic, _) = await catalog.FindValidatorAsync("salesforce.dynamic", CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);

        var login = await standard!.ValidateAsync(
            new AccountValidationRequest("salesforce.standard", JsonSerializer.SerializeToElement(new
            {
                username = StandInAccounts.AliceUsername,
                password = StandInAccounts.AlicePassword,
                securityToken = StandInAccounts.AliceSecurityToken,
                loginUrl = fixture.StandIn.BaseAddress.ToString(),
                sandbox = false,
            })),
            CancellationToken.None);
        var token = await dynamic!.ValidateAsync(
            new AccountValidationRequest("salesforce.dynamic", JsonSerializer.SerializeToElement(new
            {
                accessToken = StandInAccounts.AliceAccessToken,
                instanceUrl = fixture.StandIn.BaseAddress.ToString(),
            })),
            CancellationToken.None);

        login.Outcome.ShouldBe(AccountValidationOutcome.Valid, login.Message);
        token.Outcome.ShouldBe(AccountValidationOutcome.Valid, token.Message);
    }

    [Theory]
    [MemberData(nameof(Validators.OAuthTypes), MemberType = typeof(Validators))]
    public async Task SaveAndValidate_SignedInOAuthAccount_ChecksTheTokenTheHostObtainedOnTheInstanceSalesforceNamed(string accountTypeId)
    {
        using var host = CreateHost(allowedHosts: fixture.StandIn.HostAndPort);
        var (validator, activation) = await host.GetRequiredService<PluginCatalog>().FindValidatorAsync(accountTypeId, CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);

        var result = await validator!.ValidateAsync(
            Validators.SignedInRequest(accountTypeId, StandInAccounts.AliceAccessToken, fixture.StandIn.BaseAddress.ToString(), "api refresh_token"),
            CancellationToken.None);

        result.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Message);
        result.IdentitySummary.ShouldNotBeNull().ShouldStartWith(StandInAccounts.AliceUsername);
    }

    [Fact]
    public async Task SaveAndValidate_WithoutTheOperatorsPermission_RefusesTheLoopbackAddress()
    {
        using var host = CreateHost();
        var (dynamic, _) = await host.GetRequiredService<PluginCatalog>().FindValidatorAsync("salesforce.dynamic", CancellationToken.None);
        var unlisted = new UriBuilder(fixture.StandIn.BaseAddress) { Host = "localhost" }.Uri;

        var result = await dynamic!.ValidateAsync(
            new AccountValidationRequest("salesforce.dynamic", JsonSerializer.SerializeToElement(new
            {
                accessToken = StandInAccounts.AliceAccessToken,
                instanceUrl = unlisted.ToString(),
            })),
            CancellationToken.None);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("instanceUrl");
    }
}
