using System.Collections.Concurrent;
using Flows.Contracts;
using Flows.Host.Accounts;
using Flows.Forms;
using Flows.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Tests.Secrets;

/// <summary>
/// A careless connector (the fixture's host "echo") puts the API key it was given into its answer and
/// its log; the host masks it in both, in process and from a worker.
/// </summary>
public sealed class ValidatorSecretsTests : SandboxTests<PluginSandbox>
{
    private const string Canary = "k+CANARY<7f3a>";

    public ValidatorSecretsTests() => Sandbox.Add(Fixtures.Good);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveAndValidate_AValidatorEchoingTheSecret_AnswersAndLogsItMasked(bool inAWorker)
    {
        var log = new Captured();
        AccountCommandResult result;
        await using (var host = Host(log, inAWorker))
        {
            result = await host.GetRequiredService<AccountService>().SaveAndValidateAsync(
                "fixture-good.basic", new FormValues().Add(FormPath.Label, "Echo").Add("host", "echo").Add("apiKey", Canary), null, CancellationToken.None);
        }

        var verdict = result.Verdict.ShouldNotBeNull();
        verdict.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        verdict.Message.ShouldBe("The service rejected •••");
        verdict.FieldErrors.ShouldHaveSingleItem().Message.ShouldBe("Request body was {\"key\":\"•••\"}");
        var plugin = log.Entries.Where(e => e.StartsWith("Flows.Plugins.fixture.good", StringComparison.Ordinal)).ToList();
        plugin.ShouldContain(e => e.EndsWith("Checking the key •••", StringComparison.Ordinal), string.Join("\n", log.Entries));
        plugin.ShouldContain(e => e.EndsWith("Sent Authorization: Bearer •••", StringComparison.Ordinal));
        log.Entries.ShouldNotContain(e => e.Contains("CANARY", StringComparison.Ordinal));
    }

    private ServiceProvider Host(Captured log, bool inAWorker) =>
        new ServiceCollection()
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = Sandbox.Home;
                o.BundledPluginsDirectory = Sandbox.Bundled;
                o.PluginWorker = inAWorker ? FlowsWorker.Start : null;
            })
            .AddFlowsAccounts()
            .AddLogging(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Debug))
            .BuildServiceProvider();

    private sealed class Captured : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IReadOnlyList<string> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(_entries, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> entries, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue($"{category} {formatter(state, exception)}{exception}");
        }
    }
}
