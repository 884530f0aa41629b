using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.Plugins;

public sealed class ActivationTests : SandboxTests<PluginSandbox>
{
    private static AccountValidationRequest Request(string accountTypeId, object values) =>
        new(accountTypeId, JsonSerializer.SerializeToElement(values));

    [Fact]
    public async Task Activate_SalesforcePlugin_ExportsEveryAccountDefinitionMatchingItsManifest()
    {
        Sandbox.Add(Fixtures.Salesforce, bundled: true);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var result = await catalog.ActivateAsync("flows.salesforce", CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Reason);
        result.Plugin!.Definitions.Select(d => d.Id).ShouldBe(
            ["salesforce.standard", "salesforce.dynamic", "salesforce.oauth", "salesforce.jwt", "salesforce.client-credentials"], ignoreOrder: true);
        var standard = JsonDocument.Parse(result.Plugin.Definitions.Single(d => d.Id == "salesforce.standard").Schema).RootElement;
        standard.GetProperty("properties").GetProperty("password").GetProperty("writeOnly").GetBoolean().ShouldBeTrue();
        standard.GetProperty("properties").GetProperty("loginUrl").GetProperty("default").GetString().ShouldBe("https://login.salesforce.com/");
        catalog.Find("flows.salesforce")!.Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public async Task Activate_GoodPlugin_ComposesAValidatorThatImportsTheHostServices()
    {
        Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var (validator, activation) = await catalog.FindValidatorAsync("fixture-good.basic", CancellationToken.None);

        activation.IsSuccess.ShouldBeTrue(activation.Reason);
        validator.ShouldNotBeNull();
        var valid = await validator.ValidateAsync(Request("fixture-good.basic", new { host = "example.com", apiKey = "k" }), CancellationToken.None);
        valid.Outcome.ShouldBe(AccountValidationOutcome.Valid);
        valid.IdentitySummary.ShouldNotBeNull().ShouldStartWith("example.com via Newtonsoft.Json 13.");

        var invalid = await validator.ValidateAsync(Request("fixture-good.basic", new { host = "example.com", apiKey = "wrong" }), CancellationToken.None);
        invalid.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        invalid.FieldErrors.Single().Field.ShouldBe("apiKey");
    }

    [Fact]
    public async Task Activate_OAuthFixture_ExportsAValidatorPerDeclaredAccountTypeThatAsksToSignInFirst()
    {
        Sandbox.Add(Fixtures.OAuth);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var activation = await catalog.ActivateAsync("fixture.oauth", CancellationToken.None);

        activation.IsSuccess.ShouldBeTrue(activation.Reason);
        catalog.Find("fixture.oauth")!.Accounts.Select(a => (a.Id, a.OAuth?.Flow)).ShouldBe(
            [("fixture.oauth.code", OAuthFlow.AuthorizationCode), ("fixture.oauth.service", OAuthFlow.ClientCredentials)]);
        foreach (var id in new[] { "fixture.oauth.code", "fixture.oauth.service" })
        {
            var (validator, _) = await catalog.FindValidatorAsync(id, CancellationToken.None);
            var result = await validator.ShouldNotBeNull(id).ValidateAsync(Request(id, new { serverUrl = "https://auth.example.com" }), CancellationToken.None);
            result.Outcome.ShouldBe(AccountValidationOutcome.Unavailable, id);
            result.Message.ShouldContain("sign in first");
        }
    }

    [Fact]
    public async Task Activate_TwoPluginsCarryingDifferentVersionsOfOneLibrary_EachUsesItsOwnCopy()
    {
        Sandbox.Add(Fixtures.Good);
        Sandbox.Add(Fixtures.OtherGood);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var (good, _) = await catalog.FindValidatorAsync("fixture-good.basic", CancellationToken.None);
        var (other, _) = await catalog.FindValidatorAsync("fixture-other.basic", CancellationToken.None);
        var goodResult = await good!.ValidateAsync(Request("fixture-good.basic", new { host = "a", apiKey = "k" }), CancellationToken.None);
        var otherResult = await other!.ValidateAsync(Request("fixture-other.basic", new { host = "b", apiKey = "k" }), CancellationToken.None);

        goodResult.IdentitySummary.ShouldNotBeNull().ShouldContain("Newtonsoft.Json 13.");
        otherResult.IdentitySummary.ShouldNotBeNull().ShouldContain("Newtonsoft.Json 12.");
    }

    [Fact]
    public async Task Activate_WhenConstructorThrows_MarksPluginFaultedAtComposeAndOthersKeepWorking()
    {
        Sandbox.Add(Fixtures.ThrowingConstructor);
        Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var result = await catalog.ActivateAsync("fixture.throwing", CancellationToken.None);

        result.IsSuccess.ShouldBeFalse();
        var plugin = catalog.Find("fixture.throwing")!;
        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Compose);
        plugin.Reason.ShouldBe("InvalidOperationException: boom from constructor");
        catalog.AccountTypes.ShouldNotContain(a => a.Id == "fixture-throwing.basic");
        (await catalog.ActivateAsync("fixture.good", CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task Activate_WhenConstructorHangs_GivesUpAfterTheTimeoutAndMarksPluginFaulted()
    {
        Sandbox.Add(Fixtures.HangingConstructor);
        Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost(activationTimeout: TimeSpan.FromSeconds(1));
        var catalog = host.GetRequiredService<PluginCatalog>();

        var result = await catalog.ActivateAsync("fixture.hanging", CancellationToken.None);

        result.IsSuccess.ShouldBeFalse();
        var plugin = catalog.Find("fixture.hanging")!;
        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Compose);
        plugin.Reason.ShouldNotBeNull().ShouldStartWith("Activation did not finish within 1 s (stuck in stage Compose)");
        (await catalog.ActivateAsync("fixture.good", CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task Activate_WhenADependencyIsMissing_MarksPluginFaultedNamingTheDependency()
    {
        Sandbox.Add(Fixtures.MissingDependency);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        await catalog.ActivateAsync("fixture.missingdep", CancellationToken.None);

        var plugin = catalog.Find("fixture.missingdep")!;
        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Compose);
        plugin.Reason.ShouldNotBeNull().ShouldStartWith("A dependency could not be found: FixtureHelper, Version=1.0.0.0");
    }

    [Fact]
    public async Task Activate_WhenExportedSchemaDiffersFromTheSchemaFile_MarksPluginFaultedAtVerify()
    {
        Sandbox.Add(Fixtures.SchemaMismatch);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var result = await catalog.ActivateAsync("fixture.schemamismatch", CancellationToken.None);

        result.FailedStage.ShouldBe(PluginStage.Verify);
        result.Reason.ShouldNotBeNull().ShouldContain("the exported schema differs from");
    }

    [Fact]
    public async Task Activate_AFailure_IsRememberedSoTheNextRunListsThePluginFaulted()
    {
        Sandbox.Add(Fixtures.ThrowingConstructor);
        using (var firstRun = Sandbox.CreateHost())
        {
            await firstRun.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.throwing", CancellationToken.None);
        }

        using var secondRun = Sandbox.CreateHost();
        var plugin = secondRun.GetRequiredService<PluginCatalog>().Find("fixture.throwing")!;

        plugin.Status.ShouldBe(PluginStatus.Faulted);
        plugin.Stage.ShouldBe(PluginStage.Compose);
        plugin.Reason.ShouldBe("InvalidOperationException: boom from constructor");
    }

    [Fact]
    public async Task Activate_ARememberedFailure_IsForgottenWhenThePluginIsReplaced()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        var main = Path.Combine(folder, "GoodPlugin.dll");
        var original = File.ReadAllBytes(main);
        File.WriteAllText(main, "not an assembly");
        using (var firstRun = Sandbox.CreateHost())
        {
            var failed = await firstRun.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.good", CancellationToken.None);
            failed.FailedStage.ShouldBe(PluginStage.Load);
        }

        File.WriteAllBytes(main, original);
        using var secondRun = Sandbox.CreateHost();
        var catalog = secondRun.GetRequiredService<PluginCatalog>();

        catalog.Find("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
        (await catalog.ActivateAsync("fixture.good", CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task Activate_CalledConcurrently_LoadsThePluginOnceAndSharesIt()
    {
        Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => catalog.ActivateAsync("fixture.good", CancellationToken.None)));

        results.Select(r => r.Plugin).Distinct().Count().ShouldBe(1);
        results[0].Plugin.ShouldNotBeNull();
    }

    [Fact]
    public async Task Activate_DisabledPlugin_IsRefusedWithoutLoadingCode()
    {
        Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();
        catalog.SetEnabled("fixture.good", enabled: false);

        var result = await catalog.ActivateAsync("fixture.good", CancellationToken.None);

        result.IsSuccess.ShouldBeFalse();
        result.Reason.ShouldBe("Disabled by the user.");
        DiscoveryTests.LoadedFrom(Sandbox.Root).ShouldBeEmpty();
    }

    [Fact]
    public async Task Activate_AfterANewerBuildIsInstalled_LoadsTheNewBuildInTheSameRun()
    {
        using var host = Sandbox.CreateHost();
        var installer = host.GetRequiredService<Flows.Host.Plugins.Packages.PluginInstaller>();
        var catalog = host.GetRequiredService<PluginCatalog>();
        (await installer.InstallAsync(FixtureFolders.PathOf(Fixtures.Good), force: false, CancellationToken.None)).Installed.ShouldBeTrue();
        var first = await catalog.ActivateAsync("fixture.good", CancellationToken.None);
        var newer = Path.Combine(Sandbox.Root, "newer");
        FixtureFolders.Copy(FixtureFolders.PathOf(Fixtures.Good), newer);
        PluginSandbox.EditManifest(newer, m => m["version"] = "1.1.0");

        (await installer.InstallAsync(newer, force: false, CancellationToken.None)).Installed.ShouldBeTrue();
        var second = await catalog.ActivateAsync("fixture.good", CancellationToken.None);

        first.Plugin!.Info.Version!.ToString().ShouldBe("1.0.0");
        second.Plugin!.Info.Version!.ToString().ShouldBe("1.1.0");
        second.Plugin.ShouldNotBeSameAs(first.Plugin);
    }

    [Fact]
    public async Task Enable_AfterARememberedActivationFailure_AllowsAnotherTry()
    {
        Sandbox.Add(Fixtures.HangingConstructor);
        using (var firstRun = Sandbox.CreateHost(activationTimeout: TimeSpan.FromMilliseconds(300)))
        {
            await firstRun.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.hanging", CancellationToken.None);
        }

        using var secondRun = Sandbox.CreateHost();
        var catalog = secondRun.GetRequiredService<PluginCatalog>();
        var remembered = catalog.Find("fixture.hanging")!;
        remembered.Status.ShouldBe(PluginStatus.Faulted);
        remembered.Problems.ShouldContain(p => p.Contains("enabling the plugin again retries it", StringComparison.Ordinal));

        catalog.SetEnabled("fixture.hanging", enabled: true);

        catalog.Find("fixture.hanging")!.Status.ShouldBe(PluginStatus.Active);
    }
}
