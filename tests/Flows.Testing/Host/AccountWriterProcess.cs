using System.Diagnostics;
using System.Text;

namespace Flows.Testing;

/// <summary>
/// A running tests/Flows.Testing.AccountWriter process, its stdout read as it comes; only complete
/// lines count. It prints "ACK &lt;label&gt;" after each save has returned.
/// </summary>
public sealed class AccountWriterProcess
{
    private const string Assembly = Flows.Testing.BuildOutputs.FlowsTestingAccountWriter;

    private readonly List<string> _acks = [];
    private readonly Lock _gate = new();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AccountWriterProcess(Process process)
    {
        Process = process;
        _stdout = Task.Run(ReadStdoutAsync);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    /// <summary>The labels acknowledged so far.</summary>
    public IReadOnlyList<string> Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acks.ToList();
            }
        }
    }

    public static AccountWriterProcess Start(AccountStoreSandbox sandbox, string key, string name, int count)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (sandbox.PostgresAddress is { } address)
        {
            start.Environment["FLOWS_STORE"] = address;
        }

        start.ArgumentList.Add(Assembly);
        foreach (var arg in new[]
        {
            "--db", sandbox.DatabasePath, "--keys", sandbox.KeyDirectory, "--key", key,
            "--writer", name, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        return new AccountWriterProcess(Process.Start(start)!);
    }

    public async Task WaitForAcksAsync(int count, string context)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_acks.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (Process.HasExited && _stdout.IsCompleted)
            {
                throw new ShouldAssertException($"{context}: the writer exited with {Process.ExitCode} after {_acks.Count} acks\n{await _stderr}");
            }

            await changed.WaitAsync(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>After the process is gone: every acknowledgement it managed to print.</summary>
    public async Task<IReadOnlyList<string>> FinishAsync()
    {
        await Within(Process.WaitForExitAsync(), TimeSpan.FromSeconds(30), "the writer to exit");
        await Within(_stdout, TimeSpan.FromSeconds(30), "the writer's stdout to close");
        lock (_gate)
        {
            return _acks.ToList();
        }
    }

    public async Task<(int ExitCode, IReadOnlyList<string> Acks, string Stderr)> WaitForExitAsync()
    {
        await Within(Process.WaitForExitAsync(), TimeSpan.FromMinutes(2), "the writer to finish");
        var acks = await FinishAsync();
        return (Process.ExitCode, acks, await StderrAsync());
    }

    public async Task<string> StderrAsync()
    {
        await Within(_stderr, TimeSpan.FromSeconds(30), "the writer's stderr to close");
        return await _stderr;
    }

    private static async Task Within(Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"Timed out after {limit} waiting for {what}.");
        }
    }

    private async Task ReadStdoutAsync()
    {
        var buffer = new char[4096];
        var pending = new StringBuilder();
        int read;
        while ((read = await Process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    pending.Append(buffer[i]);
                    continue;
                }

                var line = pending.ToString();
                pending.Clear();
                if (line.StartsWith("ACK ", StringComparison.Ordinal))
                {
                    lock (_gate)
                    {
                        _acks.Add(line["ACK ".Length..]);
                        _changed.TrySetResult();
                        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }

        // Whatever is left without a newline was cut off by the kill: not an acknowledgement.
    }
}
