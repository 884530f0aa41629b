using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Plugins;

namespace Flows.Plugins.PostgreSql.Tests.Validation;

/// <summary>
/// The real plugin build, activated by the host in its own load context (Npgsql loading from the
/// plugin's folder), validating against the real server the operator allowed through
/// FLOWS_POSTGRES_ALLOWED_HOSTS — the way a user's Save &amp; Validate runs.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ThroughTheHostTests(PostgresFixture fixture) : ConnectorThroughTheHost
{
    private readonly List<CliRun> _runs = [];

    private ServiceProvider CreateHost(string? allowedHosts = null) => CreateHost("FLOWS_POSTGRES_ALLOWED_HOSTS", allowedHosts);

    private FormValues Form(string label, string password) =>
        new FormValues().Add(FormPath.Label, label).Add("host", "127.0.0.1").Add("port", $"{fixture.Main.Port}")
            .Add("database", PostgresFixture.Database).Add("username", PostgresFixture.User).Add("password", password).Add("sslMode", "require");

    [Fact]
    public async Task SaveAndValidate_ThroughTheActivatedPlugin_SavesTheAccountWithWhoseItIs()
    {
        using var host = CreateHost(allowedHosts: fixture.Main.HostAndPort);
        var service = host.GetRequiredService<AccountService>();

        var good = await service.SaveAndValidateAsync("postgresql.password", Form("Orders", PostgresFixture.Password), null, CancellationToken.None);
        var bad = await service.SaveAndValidateAsync("postgresql.password", Form("Wrong", "not-the-password"), null, CancellationToken.None);

        good.Saved.ShouldBeTrue(string.Join("; ", good.Errors.All()));
        good.Verdict!.IdentitySummary.ShouldStartWith("alice on database app");
        bad.Saved.ShouldBeFalse();
        bad.Errors.Fields["password"].ShouldBe(["Check the password."]);
        (await host.GetRequiredService<AccountStore>().ListAsync("postgresql.password")).Select(a => a.Label).ShouldBe(["Orders"]);
    }

    [Fact]
    public async Task SaveAndValidate_WithoutTheOperatorsPermission_RefusesTheLoopbackServer()
    {
        using var host = CreateHost();
        var (validator, activation) = await host.GetRequiredService<PluginCatalog>().FindValidatorAsync("postgresql.password", CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);

        var result = await validator!.ValidateAsync(
            new AccountValidationRequest("postgresql.password", JsonSerializer.SerializeToElement(Validators.PasswordAccount(fixture.Main))),
            CancellationToken.None);

        result.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        result.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("host");
        result.Message.ShouldContain("FLOWS_POSTGRES_ALLOWED_HOSTS");
    }

    [Fact]
    public async Task TheFlowsCommand_ListsBothBundledConnectorsActive_EachWithItsOwnDependencies()
    {
        var flows = Path.GetDirectoryName(FlowsCommand.EntryAssembly)!;

        var list = await Flows("plugins", "list", "--json");
        var inspect = await Flows("plugins", "inspect", "flows.postgresql", "--activate", "--json");

        list.ExitCode.ShouldBe(0, list.ToString());
        var plugins = list.Json.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("status").GetString());
        plugins["flows.salesforce"].ShouldBe("active");
        plugins["flows.postgresql"].ShouldBe("active");
        inspect.ExitCode.ShouldBe(0, inspect.ToString());
        File.Exists(Path.Combine(flows, "plugins", "postgresql", "Npgsql.dll")).ShouldBeTrue();
        File.Exists(Path.Combine(flows, "plugins", "salesforce", "Npgsql.dll")).ShouldBeFalse();
        // The host carries an Npgsql of its own for its PostgreSQL store; the connector still ships its own copy (above).
    }

    [Fact]
    public async Task FlowsAccountsAdd_WithValidate_SavesAGoodAccountAndRefusesABadOne_WithoutLeakingThePassword()
    {
        var environment = new Dictionary<string, string>
        {
            ["FLOWS_POSTGRES_ALLOWED_HOSTS"] = fixture.Main.HostAndPort,
            ["PG_PASSWORD"] = PostgresFixture.Password,
            ["PG_WRONG"] = "not-the-password",
        };
        string[] Add(string label, string variable) =>
        [
            "accounts", "add", "postgresql.password", "--label", label, "--set", "host=127.0.0.1", "--set", $"port={fixture.Main.Port}",
            "--set", "database=app", "--set", "username=alice", "--set-from-env", $"password={variable}", "--set", "sslMode=require", "--validate",
        ];

        var good = await Flows(environment, Add("Orders", "PG_PASSWORD"));
        var bad = await Flows(environment, Add("Wrong", "PG_WRONG"));

        good.ExitCode.ShouldBe(0, good.ToString());
        good.Out.ShouldContain("valid — alice on database app");
        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Error.ShouldContain("password: Check the password.");
        foreach (var run in _runs)
        {
            run.Out.ShouldNotContain(PostgresFixture.Password);
            run.Error.ShouldNotContain(PostgresFixture.Password);
            run.Out.ShouldNotContain("not-the-password");
            run.Error.ShouldNotContain("not-the-password");
        }
    }

    private Task<CliRun> Flows(params string[] args) => Flows(new Dictionary<string, string>(), args);

    private async Task<CliRun> Flows(Dictionary<string, string> environment, params string[] args)
    {
        var run = await FlowsCommand.RunAsync(Home, environment, args);
        _runs.Add(run);
        return run;
    }
}
