using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Isolation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Tests.Plugins;

/// <summary>
/// A plugin's worker process ends after its idle time without a call (<c>PluginWorkers:IdleMinutes</c>)
/// and starts again on next use, transparently; a call that runs longer than the idle time is not cut.
/// </summary>
public sealed class WorkerIdleTests : SandboxTests<PluginSandbox>
{
    private const string GoodType = "fixture-good.basic";

    // 1.2 s: long enough for a check to start, short enough for a test to wait out.
    private const string IdleMinutes = "0.02";

    private static AccountValidationRequest Request(string host) =>
        new(GoodType, JsonSerializer.SerializeToElement(new { host, apiKey = "k" }));

    [Fact]
    public async Task Worker_AfterItsIdleTimeWithoutACall_EndsByItself_AndTheNextCheckStartsAFreshOne()
    {
        Sandbox.Add(Fixtures.Good);
        var log = new CapturedLog();
        await using var host = CreateHost(log);
        var catalog = host.GetRequiredService<PluginCatalog>();
        (await ValidateAsync(catalog, "example.com")).Outcome.ShouldBe(AccountValidationOutcome.Valid);
        var first = WorkerProcesses().ShouldHaveSingleItem();

        (await EndedAsync(first, TimeSpan.FromSeconds(20))).ShouldBeTrue($"worker {first} still runs after its idle time");

        var verdict = await ValidateAsync(catalog, "example.com");
        verdict.Outcome.ShouldBe(AccountValidationOutcome.Valid, verdict.Message);
        WorkerProcesses().ShouldHaveSingleItem().ShouldNotBe(first);
        catalog.Find("fixture.good")!.Status.ShouldBe(PluginStatus.Active);
        // Not a failure: no warning, one information line saying so.
        log.Entries.Where(e => e.Level >= LogLevel.Warning).ShouldBeEmpty(string.Join("\n", log.Entries));
        log.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains($"worker process {first} of plugin fixture.good ended after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AValidatorLookedUpBeforeItsWorkerEndedForBeingIdle_ChecksInAFreshWorker_InsteadOfFailing()
    {
        Sandbox.Add(Fixtures.Good);
        await using var host = CreateHost(new CapturedLog());
        var catalog = host.GetRequiredService<PluginCatalog>();
        var (validator, activation) = await catalog.FindValidatorAsync(GoodType, CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);
        var first = WorkerProcesses().ShouldHaveSingleItem();
        (await EndedAsync(first, TimeSpan.FromSeconds(20))).ShouldBeTrue($"worker {first} still runs after its idle time");

        var verdict = await validator!.ValidateAsync(Request("example.com"), CancellationToken.None);

        verdict.Outcome.ShouldBe(AccountValidationOutcome.Valid, verdict.Message);
        WorkerProcesses().ShouldHaveSingleItem().ShouldNotBe(first);
    }

    [Fact]
    public async Task Worker_WhenACheckRunsLongerThanTheIdleTime_IsNotCutDuringIt_AndEndsAfter()
    {
        Sandbox.Add(Fixtures.Good);
        var log = new CapturedLog();
        await using var host = CreateHost(log);
        var catalog = host.GetRequiredService<PluginCatalog>();
        var (validator, activation) = await catalog.FindValidatorAsync(GoodType, CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);
        var worker = WorkerProcesses().ShouldHaveSingleItem();

        // "slow" answers after 3 s, more than twice the idle time.
        var verdict = await validator!.ValidateAsync(Request("slow"), CancellationToken.None);

        verdict.Outcome.ShouldBe(AccountValidationOutcome.Valid, verdict.Message);
        verdict.IdentitySummary.ShouldBe("slow answered after 3 s");
        (await EndedAsync(worker, TimeSpan.FromSeconds(20))).ShouldBeTrue($"worker {worker} still runs after its idle time");
    }

    [Fact]
    public async Task Workers_ListTheRunningWorker_WithItsProcessAndMemory_AndNotOnceItEnded()
    {
        Sandbox.Add(Fixtures.Good);
        await using var host = CreateHost(new CapturedLog());
        var workers = host.GetRequiredService<PluginWorkers>();
        workers.Running().ShouldBeEmpty();

        (await ValidateAsync(host.GetRequiredService<PluginCatalog>(), "example.com")).Outcome.ShouldBe(AccountValidationOutcome.Valid);

        var running = workers.Find("fixture.good").ShouldNotBeNull();
        running.ProcessId.ShouldBe(WorkerProcesses().ShouldHaveSingleItem());
        running.MemoryBytes.ShouldBeGreaterThan(1024 * 1024);
        running.IdleSince.ShouldNotBeNull();
        (await EndedAsync(running.ProcessId, TimeSpan.FromSeconds(20))).ShouldBeTrue();
        workers.Find("fixture.good").ShouldBeNull();
    }

    [Theory]
    [InlineData(null, 10.0)]
    [InlineData("0.02", 0.02)]
    [InlineData("30", 30.0)]
    [InlineData("0", 10.0)]
    [InlineData("soon", 10.0)]
    public void IdleMinutes_FromTheSettings_SetsTheWorkersIdleTime(string? setting, double minutes)
    {
        var options = new FlowsHostOptions();
        FlowsConfiguration.Configure(options, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [FlowsConfiguration.WorkerIdleMinutesKey] = setting }).Build());

        options.WorkerIdleTimeout.ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    private static async Task<AccountValidationResult> ValidateAsync(PluginCatalog catalog, string host)
    {
        var (validator, activation) = await catalog.FindValidatorAsync(GoodType, CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);
        return await validator!.ValidateAsync(Request(host), CancellationToken.None);
    }

    // As flows serve runs plugins, with the idle time set the way an operator sets it.
    private ServiceProvider CreateHost(CapturedLog log) =>
        new ServiceCollection()
            .AddFlowsPlugins(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PluginWorkers:IdleMinutes"] = IdleMinutes }).Build(),
                o =>
                {
                    o.HomeDirectory = Sandbox.Home;
                    o.BundledPluginsDirectory = Sandbox.Bundled;
                    o.ActivationTimeout = TimeSpan.FromSeconds(20);
                    o.PluginWorker = FlowsWorker.Start;
                })
            .AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace))
            .BuildServiceProvider();

    private static async Task<bool> EndedAsync(int pid, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    // Worker processes started for this sandbox's plugins (the plugin folder is on their command line).
    private HashSet<int> WorkerProcesses() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && CommandLine(p.Dir) is { } line && line.Contains(Sandbox.Root, StringComparison.Ordinal) && line.Contains(PluginWorker.CommandName, StringComparison.Ordinal))
            .Select(p => p.Pid)];

    private static string? CommandLine(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
