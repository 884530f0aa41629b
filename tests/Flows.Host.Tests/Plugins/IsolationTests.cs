using System.Collections.Concurrent;
using Flows.Contracts;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Tests.Plugins;

/// <summary>
/// Plugins run in worker processes (as in <c>flows serve</c>), started from the real flows build:
/// what a plugin does to its process — exit, overflow the stack — ends only that worker.
/// </summary>
public sealed class IsolationTests : SandboxTests<PluginSandbox>
{
    private const string CrashingType = "fixture-crashing.basic";

    private ServiceProvider Host(TimeSpan? activationTimeout = null) =>
        Sandbox.CreateHost(activationTimeout: activationTimeout, worker: FlowsWorker.Start);

    private static Task<AccountCommandResult> SaveAndValidateAsync(ServiceProvider host, string typeId, string label, string server, string apiKey = "k-123") =>
        host.GetRequiredService<AccountService>().SaveAndValidateAsync(
            typeId, new FormValues().Add(FormPath.Label, label).Add("host", server).Add("apiKey", apiKey), null, CancellationToken.None);

    [Fact]
    public async Task Validate_InAWorker_RunsThePluginInAnotherProcessAndReturnsItsVerdicts()
    {
        Sandbox.Add(Fixtures.Good);
        Sandbox.Add(Fixtures.Crashing);
        using var host = Host();

        var valid = await SaveAndValidateAsync(host, "fixture-good.basic", "Valid", "example.com");
        var invalid = await SaveAndValidateAsync(host, "fixture-good.basic", "Invalid", "example.com", apiKey: "wrong");
        var down = await SaveAndValidateAsync(host, "fixture-good.basic", "Down", "down");
        var elsewhere = await SaveAndValidateAsync(host, CrashingType, "Elsewhere", "fine");

        valid.Account!.Status.Detail.ShouldNotBeNull().ShouldStartWith("example.com via Newtonsoft.Json 13.");
        invalid.Saved.ShouldBeFalse();
        invalid.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Invalid);
        invalid.Errors.Fields["apiKey"].ShouldBe(["The service rejected this API key."]);
        down.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        down.Verdict.Message.ShouldBe("The service is down for maintenance; try again later.");
        var pid = int.Parse(elsewhere.Account!.Status.Detail!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        pid.ShouldNotBe(Environment.ProcessId);
        Workers().ShouldContain(pid, "one worker per plugin, found by its command line");
        Workers().Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("exit", "The connector stopped while checking the account (exit code 3).")]
    [InlineData("overflow", "The connector stopped while checking the account (exit code ")]
    public async Task Validate_WhenThePluginEndsItsProcess_SaysUnavailable_AndTheNextCheckRunsInAFreshWorker(string crash, string expected)
    {
        Sandbox.Add(Fixtures.Crashing);
        using var host = Host();
        var before = await SaveAndValidateAsync(host, CrashingType, "Before", "fine");

        var crashed = await SaveAndValidateAsync(host, CrashingType, "Crashed", crash);
        var after = await SaveAndValidateAsync(host, CrashingType, "After", "fine");

        crashed.Saved.ShouldBeFalse();
        crashed.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        crashed.Verdict.Message.ShouldStartWith(expected);
        after.Saved.ShouldBeTrue(string.Join("; ", after.Errors.All()));
        after.Account!.Status.Detail.ShouldNotBe(before.Account!.Status.Detail, "a new worker process answered");
        (await host.GetRequiredService<AccountStore>().ListAsync()).Select(a => a.Label).Order().ShouldBe(["After", "Before"]);
    }

    [Fact]
    public async Task Disable_StopsThePluginsWorkerProcess()
    {
        Sandbox.Add(Fixtures.Crashing);
        using var host = Host();
        var checkedIn = await SaveAndValidateAsync(host, CrashingType, "Running", "fine");
        var pid = int.Parse(checkedIn.Account!.Status.Detail!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        using var worker = System.Diagnostics.Process.GetProcessById(pid);

        var catalog = host.GetRequiredService<PluginCatalog>();
        catalog.SetEnabled("fixture.crashing", false);
        _ = catalog.Plugins;

        // Liveness bound, not a speed goal: the worker is asked to end at once and stopped after 2 s.
        (await Task.Run(() => worker.WaitForExit(TimeSpan.FromSeconds(15)))).ShouldBeTrue("the disabled plugin's worker is still running");
    }

    [Fact]
    public async Task Worker_WhenItsHostGoesAwayDuringACheckThatNeverEnds_EndsAnyway()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FlowsCommand.EntryAssembly);
        // Information: the fixture logs "Validating …" as its check starts, which is how this test knows it started.
        var scratch = Directory.CreateDirectory(Path.Combine(Sandbox.Root, "scratch")).FullName;
        foreach (var argument in Flows.Host.Plugins.Isolation.PluginWorker.Arguments(folder, TimeSpan.FromSeconds(20), LogLevel.Information, scratch, Flows.Host.Plugins.Isolation.WorkerConfinementMode.Confine))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FLOWS_HOME"] = Sandbox.Home;
        using var worker = System.Diagnostics.Process.Start(start)!;
        var errors = worker.StandardError.ReadToEndAsync();
        try
        {
            using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await worker.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"activate","params":[]}""");
            await worker.StandardInput.FlushAsync();
            (await ReadUntilAsync(worker, "\"activated\":{", reading.Token)).ShouldBeTrue("the worker did not activate the plugin");
            // "hang": the fixture's check never finishes and ignores cancellation.
            await worker.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"validate","params":[{"accountTypeId":"fixture-good.basic","values":{"host":"hang","apiKey":"k"}}]}""");
            await worker.StandardInput.FlushAsync();
            (await ReadUntilAsync(worker, "Validating {Host}", reading.Token)).ShouldBeTrue("the check did not start");

            // The host "dies": its end of the pipe closes.
            worker.StandardInput.Close();

            // Liveness bound, not a speed goal: the worker gives running checks 5 s.
            (await Task.Run(() => worker.WaitForExit(TimeSpan.FromSeconds(30)))).ShouldBeTrue("the orphaned worker is still running");
            worker.ExitCode.ShouldBe(0, await errors);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Activate_WhenAConstructorEndsTheProcess_MarksThePluginFaultedAtCompose()
    {
        var folder = Sandbox.Add(Fixtures.Crashing);
        await File.WriteAllTextAsync(Path.Combine(folder, "exit-on-load"), "");
        using var host = Host();
        var catalog = host.GetRequiredService<PluginCatalog>();

        var activation = await catalog.ActivateAsync("fixture.crashing", CancellationToken.None);

        activation.IsSuccess.ShouldBeFalse();
        activation.FailedStage.ShouldBe(PluginStage.Compose);
        activation.Reason.ShouldBe("The plugin's process ended during activation (exit code 4), in stage Compose; the plugin is not used.");
        var listed = catalog.Plugins.Single(p => p.Id == "fixture.crashing");
        listed.Status.ShouldBe(PluginStatus.Faulted);
        listed.Stage.ShouldBe(PluginStage.Compose);
    }

    [Fact]
    public async Task Activate_WhenAConstructorHangs_FaultsAtComposeAndTheWorkerEnds()
    {
        Sandbox.Add(Fixtures.HangingConstructor);
        // Long enough for a loaded machine to start the worker and load the plugin before the constructor hangs.
        using var host = Host(activationTimeout: TimeSpan.FromSeconds(5));
        var workersBefore = Workers();

        var activation = await host.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.hanging", CancellationToken.None);

        activation.IsSuccess.ShouldBeFalse();
        activation.FailedStage.ShouldBe(PluginStage.Compose);
        activation.Reason.ShouldNotBeNull().ShouldStartWith("Activation did not finish within 5 s (stuck in stage Compose)");
        // The worker wrote its answer and ended, hung constructor and all (liveness bound, not a speed goal).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Workers().Except(workersBefore).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Workers().Except(workersBefore).ShouldBeEmpty();
    }

    private static async Task<bool> ReadUntilAsync(System.Diagnostics.Process worker, string text, CancellationToken cancellationToken)
    {
        while (await worker.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Worker processes started for this sandbox's plugins (the plugin folder is on their command line).
    private HashSet<int> Workers() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && CommandLine(p.Dir).Contains(Sandbox.Root, StringComparison.Ordinal) && CommandLine(p.Dir).Contains("__plugin-worker", StringComparison.Ordinal))
            .Select(p => p.Pid)];

    private static string CommandLine(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    [Fact]
    public async Task Activate_InAWorker_ReportsTheSameFailureAsInProcess()
    {
        // Two data directories: a failure is remembered, and the second host must find it out itself.
        using var first = new PluginSandbox();
        first.Add(Fixtures.ThrowingConstructor);
        using var inProcess = first.CreateHost();
        var here = await inProcess.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.throwing", CancellationToken.None);
        using var second = new PluginSandbox();
        second.Add(Fixtures.ThrowingConstructor);
        using var isolated = second.CreateHost(worker: FlowsWorker.Start);

        var there = await isolated.GetRequiredService<PluginCatalog>().ActivateAsync("fixture.throwing", CancellationToken.None);

        there.IsSuccess.ShouldBeFalse();
        there.FailedStage.ShouldBe(here.FailedStage);
        there.Reason.ShouldBe(here.Reason);
    }

    [Fact]
    public async Task Validate_WhenThePluginThrows_NamesOnlyTheExceptionType()
    {
        Sandbox.Add(Fixtures.Crashing);
        using var host = Host();

        var result = await SaveAndValidateAsync(host, CrashingType, "Thrown", "throw", apiKey: "canary-7f3a");

        result.Verdict!.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        result.Verdict.Message.ShouldBe("The connector failed while checking the account (InvalidOperationException). Try again later or report it to the connector's publisher.");
        result.Verdict.Message.ShouldNotContain("canary-7f3a");
    }

    [Fact]
    public async Task Validate_WhenThePluginPrintsToTheConsole_TheAnswerIsStillRead_AndThePrintIsNotLogged()
    {
        Sandbox.Add(Fixtures.Crashing);
        var log = new CapturedLog();
        AccountCommandResult result;
        await using (var host = Sandbox.CreateHost(worker: FlowsWorker.Start, log: log))
        {
            result = await SaveAndValidateAsync(host, CrashingType, "Printed", "print");
        }

        result.Saved.ShouldBeTrue(string.Join("; ", result.Errors.All()));
        result.Account!.Status.Detail.ShouldNotBeNull().ShouldStartWith("print checked in process ");
        log.Entries.ShouldNotContain(e => e.Message.Contains("printed by the plugin", StringComparison.Ordinal));
        log.Entries.ShouldContain(e => e.Level == LogLevel.Debug && e.Message.Contains("wrote a line of 31 characters to its console", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PluginLog_FromAWorker_ReachesTheHostLogWithItsTemplateAndLevel()
    {
        Sandbox.Add(Fixtures.Good);
        var log = new CapturedLog();
        await using (var host = Sandbox.CreateHost(worker: FlowsWorker.Start, log: log))
        {
            await SaveAndValidateAsync(host, "fixture-good.basic", "Logged", "example.com", apiKey: "canary-19c2");
        }

        var entry = log.Entries.FirstOrDefault(e => e.Category == "Flows.Plugins.fixture.good" && e.Message.StartsWith("Validating example.com at ", StringComparison.Ordinal));
        entry.ShouldNotBeNull(string.Join("\n", log.Entries));
        entry.Level.ShouldBe(LogLevel.Information);
        entry.Template.ShouldBe("Validating {Host} at {Time} (request timeout {RequestTimeout})");
        log.Entries.ShouldNotContain(e => e.Message.Contains("canary-19c2", StringComparison.Ordinal));
    }

    // As Host(), with every log entry (debug and up) kept.
}
