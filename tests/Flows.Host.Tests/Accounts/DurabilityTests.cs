using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Flows.Host.Tests.Accounts;

/// <summary>
/// The store under real processes: a writer killed with SIGKILL at random moments, and two writers
/// at once. The writer (tests/Flows.Testing.AccountWriter) prints "ACK &lt;label&gt;" after each
/// save has returned; an acknowledged account must survive anything that happens afterwards.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private static readonly string WriterAssembly = typeof(DurabilityTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AccountWriter").Value!;

    private readonly AccountStoreSandbox _sandbox = new();

    // Both processes and the test must agree on the key, so it is passed explicitly.
    private readonly string _key = AccountStoreSandbox.NewKey();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Kill_AtRandomMoments_LeavesAnIntactStoreWithEveryAcknowledgedAccount()
    {
        const int Rounds = 100;
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var acknowledged = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var context = $"seed {seed}, round {round}";
            var writer = Writer.Start(WriterAssembly, _sandbox, _key, $"k{round}", count: 0);
            try
            {
                // Kill either after a random number of acknowledgements, or a random time after the first.
                if (random.Next(2) == 0)
                {
                    await writer.WaitForAcksAsync(random.Next(1, 31), context);
                }
                else
                {
                    var delay = random.Next(0, 151);
                    await writer.WaitForAcksAsync(1, context);
                    await Task.Delay(delay);
                }

                if (writer.Process.HasExited)
                {
                    throw new ShouldAssertException($"{context}: the writer stopped by itself\n{await writer.StderrAsync()}");
                }
            }
            finally
            {
                if (!writer.Process.HasExited)
                {
                    writer.Process.Kill(entireProcessTree: true); // SIGKILL on Linux.
                }
            }

            var acks = await writer.FinishAsync();
            acks.ShouldNotBeEmpty(context);
            (await writer.StderrAsync()).ShouldBeEmpty(context);
            acknowledged.AddRange(acks);

            IntegrityCheck().ShouldBe("ok", context);
            var store = _sandbox.Open(_key);
            var present = (await store.ListAsync()).ToDictionary(s => s.Label, s => s, StringComparer.Ordinal);
            foreach (var label in acknowledged)
            {
                present.ShouldContainKey(label, $"{context}: acknowledged account '{label}' is missing");
            }

            // No half-written account: every stored account (acknowledged or not) has its one secret.
            _sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(present.Count, context);
            foreach (var label in acks)
            {
                await ShouldDecryptAsync(present[label].Id, label, context);
            }
        }

        var final = _sandbox.Open(_key);
        var all = (await final.ListAsync()).ToDictionary(s => s.Label, s => s.Id, StringComparer.Ordinal);
        foreach (var label in acknowledged)
        {
            await ShouldDecryptAsync(all[label], label, $"seed {seed}, final pass");
        }
    }

    [Fact]
    public async Task TwoProcesses_Writing500Each_AllThousandArePresent()
    {
        var first = Writer.Start(WriterAssembly, _sandbox, _key, "alpha", count: 500);
        var second = Writer.Start(WriterAssembly, _sandbox, _key, "beta", count: 500);

        var runs = await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());

        foreach (var (exitCode, acks, stderr) in runs)
        {
            stderr.ShouldBeEmpty();
            exitCode.ShouldBe(0);
            acks.Count.ShouldBe(500);
        }

        IntegrityCheck().ShouldBe("ok");
        var expected = Enumerable.Range(1, 500).SelectMany(i => new[] { $"alpha {i}", $"beta {i}" }).Order(StringComparer.Ordinal).ToList();
        var summaries = await _sandbox.Open(_key).ListAsync();
        summaries.Select(s => s.Label).Order(StringComparer.Ordinal).ToList().ShouldBe(expected);
        foreach (var summary in summaries)
        {
            await ShouldDecryptAsync(summary.Id, summary.Label, "after both writers");
        }
    }

    private async Task ShouldDecryptAsync(string id, string label, string context)
    {
        var account = await _sandbox.Open(_key).GetAsync(id);
        account.ShouldNotBeNull($"{context}: {label}");
        account.SecretsAvailable.ShouldBeTrue($"{context}: {label}: {account.SecretsProblem}");
        account.GetValues()["apiKey"]!.GetValue<string>().ShouldBe($"secret {label}", context);
    }

    private string IntegrityCheck()
    {
        using var connection = _sandbox.Raw();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join("\n", rows);
    }

    /// <summary>A running writer process, its stdout read as it comes; only complete lines count.</summary>
    private sealed class Writer
    {
        private readonly List<string> _acks = [];
        private readonly Lock _gate = new();
        private readonly Task _stdout;
        private readonly Task<string> _stderr;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Writer(Process process)
        {
            Process = process;
            _stdout = Task.Run(ReadStdoutAsync);
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public static Writer Start(string assembly, AccountStoreSandbox sandbox, string key, string name, int count)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(assembly);
            foreach (var arg in new[]
            {
                "--db", sandbox.DatabasePath, "--keys", sandbox.KeyDirectory, "--key", key,
                "--writer", name, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(arg);
            }

            return new Writer(Process.Start(start)!);
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
}
