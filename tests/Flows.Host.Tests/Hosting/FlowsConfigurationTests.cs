using System.Collections;
using Flows.Contracts;
using Flows.Testing;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Tests.Hosting;

/// <summary>
/// The operator's settings: flows.json in the data directory, the documented FLOWS_ variables over it,
/// read from a given environment (never this process's, so tests do not race each other).
/// </summary>
public sealed class FlowsConfigurationTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private Hashtable Environment(params (string Name, string Value)[] more)
    {
        var environment = new Hashtable { [FlowsHostOptions.HomeVariable] = _sandbox.Home };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }

    private void WriteFlowsJson(string json) => File.WriteAllText(Path.Combine(_sandbox.Home, FlowsConfiguration.FileName), json);

    private static FlowsHostOptions Options(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = new FlowsHostOptions();
        FlowsConfiguration.Configure(options, configuration);
        return options;
    }

    [Fact]
    public void Build_SettingsOnlyInFlowsJson_TakeEffect()
    {
        WriteFlowsJson("""
            {
              "Outbound": { "ConnectTimeoutSeconds": 4, "TimeoutSeconds": 12.5, "AllowedHosts": "10.0.0.5:8443" },
              "Plugins": { "flows.salesforce": { "AllowedHosts": [ "127.0.0.1:5555", "sf.internal" ] } },
              "PluginWorkers": { "Unconfined": true }
            }
            """);

        var options = Options(FlowsConfiguration.Build(Environment()));

        options.HomeDirectory.ShouldBe(_sandbox.Home);
        options.OutboundConnectTimeout.ShouldBe(TimeSpan.FromSeconds(4));
        options.OutboundRequestTimeout.ShouldBe(TimeSpan.FromSeconds(12.5));
        options.OutboundAllowedHosts.ShouldBe("10.0.0.5:8443");
        options.PluginAllowedHosts.ShouldBe(new Dictionary<string, string> { ["flows.salesforce"] = "127.0.0.1:5555,sf.internal" });
        options.ConfinePlugins.ShouldBeFalse();
    }

    [Fact]
    public void Build_AVariableAndFlowsJsonSayDifferently_TheVariableWins()
    {
        WriteFlowsJson("""{ "Outbound": { "TimeoutSeconds": 12 }, "Plugins": { "flows.postgresql": { "AllowedHosts": "db.internal" } } }""");

        var options = Options(FlowsConfiguration.Build(Environment(
            (FlowsHostOptions.RequestTimeoutVariable, "45"),
            ("FLOWS_POSTGRES_ALLOWED_HOSTS", "127.0.0.1:5432"))));

        options.OutboundRequestTimeout.ShouldBe(TimeSpan.FromSeconds(45));
        options.PluginAllowedHosts["flows.postgresql"].ShouldBe("127.0.0.1:5432");
    }

    [Fact]
    public void Build_TheDocumentedVariables_KeepTheirNamesAndSyntax()
    {
        var configuration = FlowsConfiguration.Build(Environment(
            ("FLOWS_OUTBOUND_CONNECT_TIMEOUT", "2.5"),
            ("FLOWS_OUTBOUND_TIMEOUT", "not a number"),
            ("FLOWS_OUTBOUND_ALLOWED_HOSTS", "10.1.2.3,gateway:8080"),
            ("FLOWS_SALESFORCE_ALLOWED_HOSTS", "127.0.0.1:5555"),
            ("FLOWS_POSTGRES_ALLOWED_HOSTS", "127.0.0.1:5432"),
            ("FLOWS_PLUGINS_UNCONFINED", "1"),
            ("FLOWS_PLUGINS_IN_PROCESS", "1"),
            ("FLOWS_SECRET_KEY", "current-key"),
            ("FLOWS_SECRET_KEY_PREVIOUS", "old-1, old-2"),
            ("FLOWS_ACCESS_TOKEN", "the-token")));

        var options = Options(configuration);
        var accounts = AccountStoreOptions.For(options, configuration);

        options.OutboundConnectTimeout.ShouldBe(TimeSpan.FromSeconds(2.5));
        options.OutboundRequestTimeout.ShouldBe(TimeSpan.FromSeconds(30), "a value that does not parse leaves the default");
        options.OutboundAllowedHosts.ShouldBe("10.1.2.3,gateway:8080");
        options.PluginAllowedHosts["flows.salesforce"].ShouldBe("127.0.0.1:5555");
        options.PluginAllowedHosts["flows.postgresql"].ShouldBe("127.0.0.1:5432");
        options.ConfinePlugins.ShouldBeFalse();
        FlowsConfiguration.IsOn(configuration, FlowsConfiguration.InProcessKey).ShouldBeTrue();
        accounts.SecretKey.ShouldBe("current-key");
        accounts.PreviousSecretKeys.ShouldBe(["old-1", "old-2"]);
        accounts.DatabasePath.ShouldBe(Path.Combine(_sandbox.Home, "accounts.db"));
        Flows.Web.Hosting.FlowsWebOptions.From(configuration, "http://127.0.0.1:5080").AccessToken.ShouldBe("the-token");
    }

    [Fact]
    public void Build_NothingSet_LeavesEveryDefault()
    {
        var configuration = FlowsConfiguration.Build(Environment(("FLOWS_PLUGINS_UNCONFINED", "yes")));

        var options = Options(configuration);

        options.ConfinePlugins.ShouldBeTrue("only 1 turns confinement off, as documented");
        options.OutboundConnectTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        options.OutboundRequestTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.OutboundAllowedHosts.ShouldBeNull();
        options.PluginAllowedHosts.ShouldBeEmpty();
        AccountStoreOptions.For(options, configuration).SecretKey.ShouldBeNull();
    }

    [Fact]
    public void Build_AHierarchicalVariable_NamesAnyKey()
    {
        var options = Options(FlowsConfiguration.Build(Environment(
            ("FLOWS_Outbound__TimeoutSeconds", "20"),
            ("FLOWS_Plugins__fixture.good__AllowedHosts", "127.0.0.1:9000"))));

        options.OutboundRequestTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        options.PluginAllowedHosts["fixture.good"].ShouldBe("127.0.0.1:9000");
    }

    [Fact]
    public void Build_HomeInFlowsJson_DoesNotMoveTheDataDirectory()
    {
        WriteFlowsJson("""{ "Home": "/elsewhere" }""");

        Options(FlowsConfiguration.Build(Environment())).HomeDirectory.ShouldBe(_sandbox.Home);
    }

    [Fact]
    public void Build_FlowsJsonThatDoesNotParse_SaysWhichFileAndWhatIsWrongInOneLine()
    {
        WriteFlowsJson("""{ "Outbound": { "TimeoutSeconds" 12 } }""");

        var error = Should.Throw<FlowsConfigurationException>(() => FlowsConfiguration.Build(Environment()));

        error.Message.ShouldStartWith($"The settings file {Path.Combine(_sandbox.Home, "flows.json")} is not valid JSON: ");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task TheFlowsCommand_WithAFlowsJsonThatDoesNotParse_SaysSoInOneLine()
    {
        Directory.CreateDirectory(_sandbox.Home);
        WriteFlowsJson("""{ "Outbound": [ """);

        var run = await FlowsCommand.RunAsync(_sandbox.Home, "plugins", "list");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.TrimEnd().ShouldStartWith($"flows: The settings file {Path.Combine(_sandbox.Home, "flows.json")} is not valid JSON: ");
        run.Error.TrimEnd().ShouldNotContain("\n");
    }

    [Fact]
    public async Task Validate_InAWorker_MeetsTheTimeoutSetOnlyInFlowsJson()
    {
        _sandbox.Add(Fixtures.Good);
        WriteFlowsJson("""{ "Outbound": { "TimeoutSeconds": 7 } }""");
        var log = new CapturedLog();
        await using (var host = new ServiceCollection()
            .AddFlowsPlugins(FlowsConfiguration.Build(Environment()), o =>
            {
                o.BundledPluginsDirectory = _sandbox.Bundled;
                o.ActivationTimeout = TimeSpan.FromSeconds(20);
                o.PluginWorker = FlowsWorker.Start;
            })
            .AddFlowsAccounts()
            .AddLogging(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Debug))
            .BuildServiceProvider())
        {
            var result = await host.GetRequiredService<AccountService>().SaveAndValidateAsync(
                "fixture-good.basic", new FormValues().Add(FormPath.Label, "Timed").Add("host", "example.com").Add("apiKey", "k-123"), null, CancellationToken.None);
            result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Valid);
        }

        log.Entries.ShouldContain(
            e => e.Category == "Flows.Plugins.fixture.good" && e.Message.StartsWith("Validating example.com", StringComparison.Ordinal) && e.Message.EndsWith("(request timeout 00:00:07)", StringComparison.Ordinal),
            string.Join("\n", log.Entries));
    }

    [Theory]
    [InlineData(true, "allowed")]
    [InlineData(false, "denied")]
    public async Task Validate_InAWorker_ReachesALoopbackEndpointOnlyWhenThePluginsSectionOfFlowsJsonAllowsIt(bool allowed, string expected)
    {
        _sandbox.Add(Fixtures.Snooping);
        using var server = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        server.Start();
        var authority = $"127.0.0.1:{((System.Net.IPEndPoint)server.LocalEndpoint).Port}";
        var serving = AnswerOkAsync(server);
        // Only this plugin's own list, and only in the file: nothing in the environment allows loopback.
        WriteFlowsJson(allowed
            ? $$"""{ "Plugins": { "fixture.snooping": { "AllowedHosts": [ "{{authority}}" ] } } }"""
            : $$"""{ "Plugins": { "fixture.other": { "AllowedHosts": [ "{{authority}}" ] } } }""");
        await using var host = new ServiceCollection()
            .AddFlowsPlugins(FlowsConfiguration.Build(Environment()), o =>
            {
                o.BundledPluginsDirectory = _sandbox.Bundled;
                o.ActivationTimeout = TimeSpan.FromSeconds(20);
                o.PluginWorker = FlowsWorker.Start;
            })
            .AddFlowsAccounts()
            .BuildServiceProvider();

        var result = await host.GetRequiredService<AccountService>().SaveAndValidateAsync(
            "fixture-snooping.basic", new FormValues().Add(FormPath.Label, "Snoop").Add("url", $"http://{authority}/"), null, CancellationToken.None);

        result.Verdict.ShouldNotBeNull(string.Join("; ", result.Errors.All()));
        result.Verdict.Outcome.ShouldBe(AccountValidationOutcome.Valid, result.Verdict.Message);
        result.Verdict.IdentitySummary.ShouldNotBeNull().Split(' ').ShouldContain($"http={expected}");
        server.Stop();
        await serving;
    }

    // A server on loopback that answers every request 200 until it is stopped.
    private static async Task AnswerOkAsync(System.Net.Sockets.TcpListener server)
    {
        try
        {
            while (true)
            {
                using var connection = await server.AcceptTcpClientAsync();
                await using var stream = connection.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }
}
