namespace Flows.Host.Tests.Accounts;

/// <summary>
/// The store under real processes: a writer killed with SIGKILL at random moments, and two writers
/// at once. The writer (tests/Flows.Testing.AccountWriter) prints "ACK &lt;label&gt;" after each
/// save has returned; an acknowledged account must survive anything that happens afterwards.
/// </summary>
public abstract class DurabilityTests(StoreKind kind) : StoreTests(kind)
{
    // Both processes and the test must agree on the key, so it is passed explicitly.
    private readonly string _key = AccountStoreSandbox.NewKey();

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
            var writer = AccountWriterProcess.Start(Sandbox, _key, $"k{round}", count: 0);
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

            StoreCheck().ShouldBe("ok", context);
            var store = Sandbox.Open(_key);
            var present = (await store.ListAsync()).ToDictionary(s => s.Label, s => s, StringComparer.Ordinal);
            foreach (var label in acknowledged)
            {
                present.ShouldContainKey(label, $"{context}: acknowledged account '{label}' is missing");
            }

            // No half-written account: every stored account (acknowledged or not) has its one secret.
            Sandbox.Scalar("SELECT count(*) FROM account_secrets").ShouldBe(present.Count, context);
            foreach (var label in acks)
            {
                await ShouldDecryptAsync(store, present[label].Id, label, context);
            }
        }

        var final = Sandbox.Open(_key);
        var all = (await final.ListAsync()).ToDictionary(s => s.Label, s => s.Id, StringComparer.Ordinal);
        foreach (var label in acknowledged)
        {
            await ShouldDecryptAsync(final, all[label], label, $"seed {seed}, final pass");
        }
    }

    [Fact]
    public async Task TwoProcesses_Writing500Each_AllThousandArePresent()
    {
        var first = AccountWriterProcess.Start(Sandbox, _key, "alpha", count: 500);
        var second = AccountWriterProcess.Start(Sandbox, _key, "beta", count: 500);

        var runs = await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());

        foreach (var (exitCode, acks, stderr) in runs)
        {
            stderr.ShouldBeEmpty();
            exitCode.ShouldBe(0);
            acks.Count.ShouldBe(500);
        }

        StoreCheck().ShouldBe("ok");
        var expected = Enumerable.Range(1, 500).SelectMany(i => new[] { $"alpha {i}", $"beta {i}" }).Order(StringComparer.Ordinal).ToList();
        var reader = Sandbox.Open(_key);
        var summaries = await reader.ListAsync();
        summaries.Select(s => s.Label).Order(StringComparer.Ordinal).ToList().ShouldBe(expected);
        foreach (var summary in summaries)
        {
            await ShouldDecryptAsync(reader, summary.Id, summary.Label, "after both writers");
        }
    }

    // Read by a store opened after the writes (one per pass: a PostgreSQL store holds its pooled connections).
    private static async Task ShouldDecryptAsync(AccountStore reader, string id, string label, string context)
    {
        var account = await reader.GetAsync(id);
        account.ShouldNotBeNull($"{context}: {label}");
        account.SecretsAvailable.ShouldBeTrue($"{context}: {label}: {account.SecretsProblem}");
        account.GetValues()["apiKey"]!.GetValue<string>().ShouldBe($"secret {label}", context);
    }

    // SQLite checks its file; PostgreSQL keeps its own pages, and a killed client cannot damage them.
    private string StoreCheck() => Sandbox.Kind == StoreKind.Sqlite ? IntegrityCheck() : "ok";

    private string IntegrityCheck()
    {
        using var connection = Sandbox.Raw();
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

    public sealed class OnPostgres() : DurabilityTests(StoreKind.Postgres);

    public sealed class OnSqlite() : DurabilityTests(StoreKind.Sqlite);
}
