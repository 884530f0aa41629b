namespace Flows.Plugins.Salesforce.Tests.Validation;

/// <summary>
/// `flows accounts` as a user runs it, against the real Salesforce plugin bundled with the real
/// executable and the stand-in the operator allowed. Secrets come from the environment.
/// </summary>
[Collection(StandInTests.Name)]
public sealed class AccountsEndToEndTests : IDisposable
{
    private readonly StandInFixture _fixture;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flows-sf-e2e", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment;
    private readonly List<CliRun> _runs = [];

    public AccountsEndToEndTests(StandInFixture fixture)
    {
        _fixture = fixture;
        _environment = new Dictionary<string, string>
        {
            ["FLOWS_SALESFORCE_ALLOWED_HOSTS"] = fixture.StandIn.HostAndPort,
            ["SF_PASSWORD"] = StandInAccounts.AlicePassword,
            ["SF_TOKEN"] = StandInAccounts.AliceSecurityToken,
            ["SF_WRONG"] = "not-the-password",
            ["SF_ACCESS"] = StandInAccounts.AliceAccessToken,
            ["SF_EXPIRED"] = StandInAccounts.ExpiredPassword,
            ["SF_EXPIRED_TOKEN"] = StandInAccounts.ExpiredSecurityToken,
        };
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private string LoginUrl => _fixture.StandIn.BaseAddress.ToString();

    private async Task<CliRun> Flows(params string[] args)
    {
        var run = await FlowsCommand.RunAsync(_home, _environment, args);
        _runs.Add(run);
        return run;
    }

    private Task<CliRun> AddStandard(string label, string username, string passwordVariable, bool validate, string tokenVariable = "SF_TOKEN") =>
        Flows([
            "accounts", "add", "salesforce.standard", "--label", label,
            "--set", $"username={username}", "--set-from-env", $"password={passwordVariable}", "--set-from-env", $"securityToken={tokenVariable}",
            "--set", $"loginUrl={LoginUrl}", "--set", "sandbox=false", .. validate ? ValidateFlag : []]);

    private static readonly string[] ValidateFlag = ["--validate"];

    [Fact]
    public async Task StandardAccount_ApplyThenSaveAndValidateThenEditWithoutSecretsThenRemove()
    {
        var applied = await AddStandard("Unchecked", StandInAccounts.AliceUsername, "SF_PASSWORD", validate: false);
        applied.ExitCode.ShouldBe(0, applied.ToString());
        applied.Out.ShouldContain("Saved (not validated): Unchecked");

        var validated = await AddStandard("Sales", StandInAccounts.AliceUsername, "SF_PASSWORD", validate: true);
        validated.ExitCode.ShouldBe(0, validated.ToString());
        validated.Out.ShouldContain($"valid — {StandInAccounts.AliceUsername} on {StandInAccounts.AcmeOrgName}");

        // Edit one plain field: the stored password and token are kept and still log in.
        var edited = await Flows("accounts", "edit", "Sales", "--set", "sandbox=true", "--validate");
        edited.ExitCode.ShouldBe(0, edited.ToString());
        edited.Out.ShouldContain("warning: The Sandbox box is checked, but this org is a production org.");

        // With diagnostic logging on, the plugin's and the host's log lines go to standard error too.
        (await Flows("accounts", "validate", "Sales", "--verbose")).Error.ShouldContain("Logging in to");
        (await Flows("accounts", "remove", "Sales", "--yes")).ExitCode.ShouldBe(0);
        var list = await Flows("accounts", "list", "--json");
        list.Json.EnumerateArray().Select(a => a.GetProperty("label").GetString()).ShouldBe(["Unchecked"]);
        AssertNoSecretLeaked();
    }

    [Theory]
    [InlineData(StandInAccounts.AliceUsername, "SF_WRONG", "SF_TOKEN", "did not accept the username, password or security token")]
    [InlineData(StandInAccounts.AliceUsername, "SF_PASSWORD", "SF_WRONG", "securityToken: This security token is not the current one.")]
    [InlineData(StandInAccounts.ExpiredUsername, "SF_EXPIRED", "SF_EXPIRED_TOKEN", "password: This password has expired.")]
    [InlineData(StandInAccounts.HtmlUsername, "SF_PASSWORD", "SF_TOKEN", "could not check the account; nothing was saved.")]
    public async Task SaveAndValidate_WithBadCredentialsOrAnUnreachableService_SavesNothing(string username, string passwordVariable, string tokenVariable, string expected)
    {
        var run = await AddStandard("Sales", username, passwordVariable, validate: true, tokenVariable);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain(expected);
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
        AssertNoSecretLeaked();
    }

    [Fact]
    public async Task DynamicAccount_ValidatedThenTokenRevoked_ValidateAgainMarksItInvalid()
    {
        var added = await Flows("accounts", "add", "salesforce.dynamic", "--label", "Token", "--set-from-env", "accessToken=SF_ACCESS", "--set", $"instanceUrl={LoginUrl}", "--validate");
        added.ExitCode.ShouldBe(0, added.ToString());

        _fixture.StandIn.RevokeToken(StandInAccounts.AliceAccessToken);
        try
        {
            var again = await Flows("accounts", "validate", "Token");

            again.ExitCode.ShouldBe(1, again.ToString());
            again.Out.ShouldContain("invalid — The access token is expired or invalid.");
            (await Flows("accounts", "show", "Token", "--json")).Json[0].GetProperty("status").GetProperty("kind").GetString().ShouldBe("invalid");
        }
        finally
        {
            _fixture.StandIn.UnrevokeToken(StandInAccounts.AliceAccessToken);
        }

        AssertNoSecretLeaked();
    }

    private void AssertNoSecretLeaked()
    {
        var secrets = new[] { StandInAccounts.AlicePassword, StandInAccounts.AliceSecurityToken, StandInAccounts.AliceAccessToken, StandInAccounts.ExpiredPassword, "not-the-password" };
        foreach (var run in _runs)
        {
            foreach (var secret in secrets)
            {
                run.Out.ShouldNotContain(secret);
                run.Error.ShouldNotContain(secret);
            }
        }

        foreach (var file in Directory.Exists(_home) ? Directory.GetFiles(_home, "accounts.db*") : [])
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, $"{secret} in {file}");
            }
        }
    }
}
