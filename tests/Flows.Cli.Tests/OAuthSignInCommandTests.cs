using System.Net;
using Flows.Testing.OAuth;
using Flows.Testing.SalesforceStandIn;

namespace Flows.Cli.Tests;

/// <summary>
/// OAuth accounts through the real <c>flows</c> executable: the terminal's loopback sign-in with an HTTP
/// client playing the browser (Salesforce's stand-in and the generic provider), moving a SOAP account
/// to OAuth, revocation on remove, and the server-to-server flows checked with --validate.
/// </summary>
public sealed class OAuthSignInCommandTests : SandboxTests<PluginSandbox>, IAsyncLifetime
{
    private const string PrivateKeyVariable = "SF_PRIVATE_KEY";
    private const string SecretVariable = "OAUTH_CLIENT_SECRET";
    private const string PasswordVariable = "SF_PASSWORD";

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly ConsentBrowser _browser = new();
    private readonly List<SignInCommand> _commands = [];
    private SalesforceStandIn _salesforce = null!;

    public OAuthSignInCommandTests()
    {
        Sandbox.Add(Fixtures.Salesforce);
        Sandbox.Add(Fixtures.OAuth);
    }

    public async Task InitializeAsync()
    {
        _salesforce = await SalesforceStandIn.StartAsync();
        // The stand-in's login host and its My Domain host, as an operator allows local endpoints.
        _environment["FLOWS_SALESFORCE_ALLOWED_HOSTS"] = $"{_salesforce.HostAndPort},{_salesforce.MyDomainHostAndPort}";
        _environment[PrivateKeyVariable] = StandInKeys.Default.PrivateKeyPem;
        _environment[PasswordVariable] = StandInAccounts.AlicePassword;
    }

    public async Task DisposeAsync()
    {
        foreach (var command in _commands)
        {
            await command.DisposeAsync();
        }

        _browser.Dispose();
        await _salesforce.DisposeAsync();
    }

    private string LoginUrl => _salesforce.BaseAddress.GetLeftPart(UriPartial.Authority);

    private Task<CliRun> Flows(params string[] args) => FlowsCommand.RunAsync(Sandbox.Home, _environment, args);

    private async Task<SignInCommand> StartAsync(params string[] args)
    {
        var command = await SignInCommand.StartAsync(Sandbox.Home, _environment, args);
        _commands.Add(command);
        return command;
    }

    private Task<SignInCommand> StartSalesforceSignInAsync(string label, params string[] more) =>
        StartAsync([
            "accounts", "add", "salesforce.oauth", "--label", label, "--set", $"loginUrl={LoginUrl}",
            "--set", $"consumerKey={StandInAccounts.WebAppConsumerKey}", "--no-browser", .. more]);

    private List<string> RefreshTokensOfAlice() =>
        [.. _salesforce.IssuedTokens.Where(t => t.Username == StandInAccounts.AliceUsername).Select(t => t.RefreshToken).OfType<string>()];

    // A line of the key's body: what a leak of the key would show.
    private static string KeyLine(string pem) => pem.Split('\n')[1].Trim();

    private static Dictionary<string, string> Alice(string decision = "Allow") => new(StringComparer.Ordinal)
    {
        ["username"] = StandInAccounts.AliceUsername,
        ["password"] = StandInAccounts.AlicePassword,
        ["decision"] = decision,
    };

    [Fact]
    public async Task AddSalesforceOAuth_AllowedInTheBrowser_SavesTheAccountSignedInAsTheUser()
    {
        var command = await StartSalesforceSignInAsync("Sales");
        command.Out.ShouldContain("Sign in with Salesforce in a browser on this machine, at this address:");
        command.AuthorizationUrl.GetLeftPart(UriPartial.Path).ShouldBe($"{LoginUrl}/services/oauth2/authorize");
        command.RedirectUri.Host.ShouldBe("127.0.0.1");
        command.RedirectUri.AbsolutePath.ShouldBe("/callback");

        var callback = await _browser.ConsentAsync(command.AuthorizationUrl, Alice());
        callback.GetLeftPart(UriPartial.Path).ShouldBe(command.RedirectUri.AbsoluteUri);
        var landing = await _browser.OpenAsync(callback);
        var run = await command.WaitAsync();

        landing.Status.ShouldBe(HttpStatusCode.OK, landing.Body);
        landing.Body.ShouldContain("You are signed in. Go back to the terminal");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Signed in and saved");
        var show = await Flows("accounts", "show", "Sales");
        show.ExitCode.ShouldBe(0, show.ToString());
        show.Out.ShouldMatch(@"Signed in\s+as " + Regex.Escape(StandInAccounts.AliceUsername) + @", \d{4}-\d\d-\d\d \d\d:\d\d UTC");
        (await Flows("accounts", "list", "--json")).Json[0].GetProperty("status").GetProperty("kind").GetString().ShouldBe("valid");
        _salesforce.TokenRequests(StandInGrantTypes.AuthorizationCode).ShouldBe(1);
        foreach (var token in RefreshTokensOfAlice())
        {
            run.Out.ShouldNotContain(token);
            show.Out.ShouldNotContain(token);
        }
    }

    [Fact]
    public async Task AddSalesforceOAuth_DeniedInTheBrowser_ExitsOneAndSavesNothing()
    {
        var command = await StartSalesforceSignInAsync("Sales");

        var callback = await _browser.ConsentAsync(command.AuthorizationUrl, Alice("Deny"));
        var landing = await _browser.OpenAsync(callback);
        var run = await command.WaitAsync();

        landing.Status.ShouldBe(HttpStatusCode.BadRequest);
        landing.Body.ShouldContain("Not signed in");
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("You did not allow Flows to use your Salesforce account, so nothing was saved.");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
        _salesforce.TokenRequests(StandInGrantTypes.AuthorizationCode).ShouldBe(0);
    }

    [Fact]
    public async Task AddSalesforceOAuth_NoBrowserComesBackInTime_ExitsOneWithASentenceAndSavesNothing()
    {
        var command = await StartSalesforceSignInAsync("Sales", "--sign-in-timeout", "3s");

        var run = await command.WaitAsync(TimeSpan.FromSeconds(30));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("Waiting up to 3 seconds for the sign-in");
        run.Error.ShouldContain("No sign-in came back within 3 seconds, so nothing was saved. Run the command again (--sign-in-timeout gives more time).");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("61")]
    [InlineData("5h")]
    [InlineData("soon")]
    public async Task Add_SignInTimeoutThatIsNotATimeLimit_IsAUsageError(string value)
    {
        var run = await Flows("accounts", "add", "salesforce.oauth", "--label", "Sales", "--set", $"loginUrl={LoginUrl}", "--no-browser", "--sign-in-timeout", value);

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("--sign-in-timeout takes minutes (5) or a number with s or m (90s, 10m), at most 60 minutes");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AddSalesforceOAuth_CallbackWithAnotherState_DoesNotEndTheWait()
    {
        var command = await StartSalesforceSignInAsync("Sales");

        var stray = await _browser.OpenAsync(new Uri(command.RedirectUri, "?state=not-this-sign-in&code=aPrxStolen"));
        var icon = await _browser.OpenAsync(new Uri(command.RedirectUri, "/favicon.ico"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        command.HasExited.ShouldBeFalse(command.ToString());
        var landing = await _browser.OpenAsync(await _browser.ConsentAsync(command.AuthorizationUrl, Alice()));
        var run = await command.WaitAsync();

        stray.Status.ShouldBe(HttpStatusCode.BadRequest);
        stray.Body.ShouldContain("Not this sign-in");
        icon.Status.ShouldBe(HttpStatusCode.NotFound);
        landing.Status.ShouldBe(HttpStatusCode.OK, landing.Body);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Signed in and saved");
        _salesforce.TokenRequests(StandInGrantTypes.AuthorizationCode).ShouldBe(1, "the stray code was never exchanged");
    }

    [Fact]
    public async Task AddGenericOAuth_AllowedInTheBrowser_SavesTheAccountSignedInAtTheOtherProvider()
    {
        await using var provider = await OAuthProviderStandIn.StartAsync();
        _environment["FLOWS_OUTBOUND_ALLOWED_HOSTS"] = provider.HostAndPort;
        _environment[SecretVariable] = provider.Settings.ClientSecret!;
        var command = await StartAsync(
            "accounts", "add", "fixture.oauth.code", "--label", "Generic", "--set", $"serverUrl={provider.Origin}",
            "--set", $"clientId={provider.Settings.ClientId}", "--set-from-env", $"clientSecret={SecretVariable}", "--no-browser");
        command.Out.ShouldContain("Sign in with Fixture in a browser");
        command.AuthorizationUrl.GetLeftPart(UriPartial.Path).ShouldBe(provider.AuthorizeUrl.AbsoluteUri);

        var landing = await _browser.OpenAsync(await _browser.ConsentAsync(command.AuthorizationUrl, new Dictionary<string, string> { ["decision"] = "allow" }));
        var run = await command.WaitAsync();

        landing.Status.ShouldBe(HttpStatusCode.OK, landing.Body);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Signed in and saved");
        run.Out.ShouldNotContain(provider.Settings.ClientSecret!);
        provider.TokenRequests("authorization_code").ShouldBe(1);
        var show = await Flows("accounts", "show", "Generic");
        show.Out.ShouldMatch(@"Signed in\s+as " + Regex.Escape(provider.Settings.User.Username));
    }

    [Fact]
    public async Task AddGenericOAuth_DeniedInTheBrowser_ExitsOneAndSavesNothing()
    {
        await using var provider = await OAuthProviderStandIn.StartAsync();
        _environment["FLOWS_OUTBOUND_ALLOWED_HOSTS"] = provider.HostAndPort;
        _environment[SecretVariable] = provider.Settings.ClientSecret!;
        var command = await StartAsync(
            "accounts", "add", "fixture.oauth.code", "--label", "Generic", "--set", $"serverUrl={provider.Origin}",
            "--set", $"clientId={provider.Settings.ClientId}", "--set-from-env", $"clientSecret={SecretVariable}", "--no-browser");

        await _browser.OpenAsync(await _browser.ConsentAsync(command.AuthorizationUrl, new Dictionary<string, string> { ["decision"] = "deny" }));
        var run = await command.WaitAsync();

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("You did not allow Flows to use your Fixture account, so nothing was saved.");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AddSalesforceOAuth_ReplacingASoapAccount_KeepsItsLabelAndRemovesIt()
    {
        var soap = await Flows(
            "accounts", "add", "salesforce.standard", "--label", "Sales", "--set", $"loginUrl={LoginUrl}",
            "--set", $"username={StandInAccounts.AliceUsername}", "--set-from-env", $"password={PasswordVariable}");
        soap.ExitCode.ShouldBe(0, soap.ToString());
        var oldId = (await Flows("accounts", "show", "Sales", "--json")).Json[0].GetProperty("id").GetString();

        var command = await StartAsync(
            "accounts", "add", "salesforce.oauth", "--replaces", "Sales", "--set", $"consumerKey={StandInAccounts.WebAppConsumerKey}", "--no-browser");
        command.AuthorizationUrl.GetLeftPart(UriPartial.Path).ShouldBe($"{LoginUrl}/services/oauth2/authorize", "the login URL is carried over");
        await _browser.OpenAsync(await _browser.ConsentAsync(command.AuthorizationUrl, Alice()));
        var run = await command.WaitAsync();

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Signed in and saved in place of the salesforce.standard account");
        var accounts = (await Flows("accounts", "list", "--json")).Json;
        accounts.GetArrayLength().ShouldBe(1);
        accounts[0].GetProperty("label").GetString().ShouldBe("Sales");
        accounts[0].GetProperty("accountTypeId").GetString().ShouldBe("salesforce.oauth");
        accounts[0].GetProperty("id").GetString().ShouldNotBe(oldId);
        (await Flows("accounts", "show", oldId!)).ExitCode.ShouldNotBe(0, "the SOAP account is gone");
    }

    [Fact]
    public async Task Remove_SignedInAccount_RevokesItsSignInAtSalesforce()
    {
        var command = await StartSalesforceSignInAsync("Sales");
        await _browser.OpenAsync(await _browser.ConsentAsync(command.AuthorizationUrl, Alice()));
        (await command.WaitAsync()).ExitCode.ShouldBe(0, command.ToString());
        var refreshToken = RefreshTokensOfAlice().ShouldHaveSingleItem();

        var remove = await Flows("accounts", "remove", "Sales", "--yes");

        remove.ExitCode.ShouldBe(0, remove.ToString());
        remove.Out.ShouldContain("Deleted Sales.");
        remove.Out.ShouldContain("The sign-in was revoked at Salesforce.");
        remove.Out.ShouldNotContain(refreshToken);
        _salesforce.WasRevoked(refreshToken).ShouldBeTrue();
    }

    [Fact]
    public async Task AddJwtWithValidate_PreAuthorisedUserAndTheCertificatesKey_IsSavedValid()
    {
        var run = await Flows(
            "accounts", "add", "salesforce.jwt", "--label", "Server", "--set", $"loginUrl={LoginUrl}", "--set", $"consumerKey={StandInAccounts.JwtAppConsumerKey}",
            "--set", $"username={StandInAccounts.AliceUsername}", "--set-from-env", $"privateKey={PrivateKeyVariable}", "--validate");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Saved and validated: Server");
        (await Flows("accounts", "list", "--json")).Json[0].GetProperty("status").GetProperty("kind").GetString().ShouldBe("valid");
        _salesforce.TokenRequests(StandInGrantTypes.JwtBearer).ShouldBe(1);
        run.Out.ShouldNotContain(KeyLine(StandInKeys.Default.PrivateKeyPem));
    }

    [Fact]
    public async Task AddJwtWithValidate_KeyWhoseCertificateIsNotOnTheApp_BlamesThePrivateKeyAndSavesNothing()
    {
        var otherKey = StandInKeys.CreateRsa().PrivateKeyPem;
        _environment[PrivateKeyVariable] = otherKey;

        var run = await Flows(
            "accounts", "add", "salesforce.jwt", "--label", "Server", "--set", $"loginUrl={LoginUrl}", "--set", $"consumerKey={StandInAccounts.JwtAppConsumerKey}",
            "--set", $"username={StandInAccounts.AliceUsername}", "--set-from-env", $"privateKey={PrivateKeyVariable}", "--validate");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("nothing was saved");
        run.Error.ShouldContain("privateKey: Salesforce could not check the signature: upload the certificate that belongs to this private key to the app (Use digital signatures).");
        run.Error.ShouldNotContain(KeyLine(otherKey));
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AddJwtWithValidate_UserTheAppDoesNotPreAuthorise_BlamesTheUsernameAndSavesNothing()
    {
        var run = await Flows(
            "accounts", "add", "salesforce.jwt", "--label", "Server", "--set", $"loginUrl={LoginUrl}", "--set", $"consumerKey={StandInAccounts.JwtAppConsumerKey}",
            "--set", $"username={StandInAccounts.ExpiredUsername}", "--set-from-env", $"privateKey={PrivateKeyVariable}", "--validate");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("nothing was saved");
        run.Error.ShouldContain("username: This user has not approved the app: have an admin pre-authorise it");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AddClientCredentialsWithValidate_OnMyDomain_IsSavedValid()
    {
        _environment[SecretVariable] = StandInAccounts.ClientCredentialsAppConsumerSecret;

        var run = await AddClientCredentialsAsync(_salesforce.MyDomainAddress.GetLeftPart(UriPartial.Authority), StandInAccounts.ClientCredentialsAppConsumerKey);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Saved and validated: Service");
        run.Out.ShouldNotContain(StandInAccounts.ClientCredentialsAppConsumerSecret);
        _salesforce.TokenRequests(StandInGrantTypes.ClientCredentials).ShouldBe(1);
    }

    [Fact]
    public async Task AddClientCredentialsWithValidate_AppWithoutARunAsUser_BlamesTheConsumerKeyAndSavesNothing()
    {
        _environment[SecretVariable] = StandInAccounts.ConfidentialAppConsumerSecret;

        var run = await AddClientCredentialsAsync(_salesforce.MyDomainAddress.GetLeftPart(UriPartial.Authority), StandInAccounts.ConfidentialAppConsumerKey);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("nothing was saved");
        run.Error.ShouldContain("consumerKey: The app has no Run As user: turn on \"Enable Client Credentials Flow\"");
        run.Error.ShouldNotContain(StandInAccounts.ConfidentialAppConsumerSecret);
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AddClientCredentialsWithValidate_OnTheLoginHost_BlamesTheMyDomainUrlAndSavesNothing()
    {
        _environment[SecretVariable] = StandInAccounts.ClientCredentialsAppConsumerSecret;

        var run = await AddClientCredentialsAsync(LoginUrl, StandInAccounts.ClientCredentialsAppConsumerKey);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("myDomainUrl: Salesforce accepts this sign-in only on your org's own address");
        (await Flows("accounts", "list", "--json")).Json.GetArrayLength().ShouldBe(0);
    }

    // The secret comes from the environment, as a script would give it.
    private Task<CliRun> AddClientCredentialsAsync(string myDomainUrl, string consumerKey) => Flows(
        "accounts", "add", "salesforce.client-credentials", "--label", "Service", "--set", $"myDomainUrl={myDomainUrl}",
        "--set", $"consumerKey={consumerKey}", "--set-from-env", $"consumerSecret={SecretVariable}", "--validate");
}
