using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Isolation;
using Flows.Host.Plugins.Isolation.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJsonRpc;

namespace Flows.Host.Tests.Plugins;

/// <summary>
/// The protocol between the host and a plugin worker: cancellation reaches the plugin, a worker that
/// ends mid-call gives "unavailable", and a worker that sends something unreadable is cut off with a reason.
/// </summary>
public sealed class WorkerProtocolTests : SandboxTests<PluginSandbox>
{
    private const string GoodType = "fixture-good.basic";

    private static AccountValidationRequest Request(string host) =>
        new(GoodType, JsonSerializer.SerializeToElement(new { host, apiKey = "k" }));

    [Fact]
    public async Task Validate_WhenTheCallIsCancelled_TheCancellationReachesThePluginInItsWorker()
    {
        Sandbox.Add(Fixtures.Good);
        var log = new CapturedLog();
        await using var host = Sandbox.CreateHost(worker: FlowsWorker.Start, log: log);
        var (validator, activation) = await host.GetRequiredService<PluginCatalog>().FindValidatorAsync(GoodType, CancellationToken.None);
        activation.IsSuccess.ShouldBeTrue(activation.Reason);

        using var cancel = new CancellationTokenSource();
        var check = validator!.ValidateAsync(Request("wait"), cancel.Token);
        (await log.WaitForAsync(e => e.Template.StartsWith("Validating {Host}", StringComparison.Ordinal))).ShouldBeTrue("the check did not start");
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => check.WaitAsync(TimeSpan.FromSeconds(5)));
        (await log.WaitForAsync(e => e.Category == "Flows.Plugins.fixture.good" && e.Message == "Check of wait cancelled"))
            .ShouldBeTrue("the plugin's token was not cancelled:\n" + string.Join("\n", log.Entries));
    }

    [Fact]
    public async Task Validate_WhenTheWorkerDiesDuringACall_ThatCallSaysUnavailable_AndTheNextCallRunsInAFreshWorker()
    {
        Sandbox.Add(Fixtures.Good);
        var log = new CapturedLog();
        await using var host = Sandbox.CreateHost(worker: FlowsWorker.Start, log: log);
        var catalog = host.GetRequiredService<PluginCatalog>();
        var (validator, _) = await catalog.FindValidatorAsync(GoodType, CancellationToken.None);

        var check = validator!.ValidateAsync(Request("wait"), CancellationToken.None);
        (await log.WaitForAsync(e => e.Template.StartsWith("Validating {Host}", StringComparison.Ordinal))).ShouldBeTrue("the check did not start");
        var worker = WorkerProcesses().ShouldHaveSingleItem();
        using (var process = System.Diagnostics.Process.GetProcessById(worker))
        {
            process.Kill();
        }

        var verdict = await check.WaitAsync(TimeSpan.FromSeconds(20));
        verdict.Outcome.ShouldBe(AccountValidationOutcome.Unavailable);
        verdict.Message.ShouldStartWith("The connector stopped while checking the account (exit code ");
        var (next, _) = await catalog.FindValidatorAsync(GoodType, CancellationToken.None);
        (await next!.ValidateAsync(Request("example.com"), CancellationToken.None)).Outcome.ShouldBe(AccountValidationOutcome.Valid);
        WorkerProcesses().ShouldHaveSingleItem().ShouldNotBe(worker);
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("""{"jsonrpc":"2.0","id":{"not":"an id"},"result":[1,2,3]}""")]
    public async Task Connection_WhenTheWorkerSendsSomethingUnreadable_EndsWithAReason_AndThePendingCallFails(string garbage)
    {
        var toWorker = new Pipe();
        var fromWorker = new Pipe();
        using var connection = new WorkerConnection(toWorker.Writer.AsStream(), fromWorker.Reader.AsStream(), "fixture.garbage", new PluginLogForwarding(NullLoggerFactory.Instance, new Flows.Host.Secrets.PluginSecretScrubbing()));
        var call = connection.ValidateAsync(new ValidateRequest(GoodType, JsonSerializer.SerializeToElement(new { host = "x" })), CancellationToken.None);

        await fromWorker.Writer.WriteAsync(Encoding.UTF8.GetBytes(garbage + "\n"));

        var problem = await connection.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        problem.ShouldNotBeNullOrEmpty();
        await Should.ThrowAsync<ConnectionLostException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Connection_WhenAMessageNeverEnds_EndsOnceItPassesTheLimit()
    {
        var toWorker = new Pipe();
        var fromWorker = new Pipe();
        using var connection = new WorkerConnection(toWorker.Writer.AsStream(), fromWorker.Reader.AsStream(), "fixture.endless", new PluginLogForwarding(NullLoggerFactory.Instance, new Flows.Host.Secrets.PluginSecretScrubbing()));
        var call = connection.ValidateAsync(new ValidateRequest(GoodType, JsonSerializer.SerializeToElement(new { host = "x" })), CancellationToken.None);

        // A JSON string that never closes: 8 MB without a newline.
        var chunk = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));
        _ = Task.Run(async () =>
        {
            await fromWorker.Writer.WriteAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":[\""));
            for (var i = 0; i < 128 && !connection.Ended.IsCompleted; i++)
            {
                await fromWorker.Writer.WriteAsync(chunk);
            }
        });

        (await connection.Ended.WaitAsync(TimeSpan.FromSeconds(20))).ShouldNotBeNull().ShouldContain("InvalidDataException");
        await Should.ThrowAsync<ConnectionLostException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
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
