using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Flows.Testing.Postgres;

namespace Flows.Web.Tests.Nodes;

/// <summary>
/// Nodes of one PostgreSQL store when something fails under load: a node killed mid-burst, the database
/// server stopped for ten seconds. What was answered 201 is kept; what could not be saved is answered 503
/// "try later", never half-written; the nodes recover by themselves.
/// </summary>
public sealed class StoreNodeFailureTests
{
    [Fact]
    public async Task ANodeKilledMidBurst_LosesNoAccountItAnswered201For()
    {
        var address = await StoreDatabases.CreateAsync();
        try
        {
            await using var nodes = await StoreNodes.StartAsync(address, 3);
            var victim = nodes.Nodes[2];
            var done = 0;
            var burst = Enumerable.Range(0, 600).Select(async i =>
            {
                var answer = await StoreNodes.CreateAsync(nodes.Nodes[i % 3], $"Burst{i:D4}");
                if (Interlocked.Increment(ref done) == 100)
                {
                    StoreNodes.Kill(victim);
                }

                return answer;
            }).ToList();
            var answers = await Task.WhenAll(burst);

            var promised = answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Id!).ToList();
            promised.Count.ShouldBeGreaterThanOrEqualTo(400, "the two nodes that lived answered all of theirs");
            var stored = (await nodes.OpenStore().ListAsync()).Select(a => a.Id).ToHashSet();
            promised.ShouldAllBe(id => stored.Contains(id));
        }
        finally
        {
            await StoreDatabases.DropAsync(address);
        }
    }

    [Fact]
    public async Task TheDatabaseStoppedForTenSecondsUnderLoad_Answers503_ThenRecoversWithNothingLost()
    {
        await using var server = await PostgresCluster.StartAsync("host all all 127.0.0.1/32 scram-sha-256\n", tls: null, setupSql: "CREATE DATABASE flows;", maxConnections: 100);
        await using var nodes = await StoreNodes.StartAsync(server.Address("flows"), 2);
        var answers = new ConcurrentBag<(TimeSpan At, HttpStatusCode Status, string? Id)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var (status, id) = await StoreNodes.CreateAsync(nodes.Nodes[(worker + i) % 2], $"Load{worker}-{i:D5}");
                answers.Add((clock.Elapsed, status, id));
                await Task.Delay(20);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await server.StopAsync();
        var stoppedAt = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(5));
        using (var notReady = await nodes.Nodes[0].Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            notReady.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await notReady.Content.ReadAsStringAsync()).ShouldBe("store unavailable, try later", "anyone may ask: the answer names no database or host");
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        // Taken before the start: the server answers from some moment inside StartAgainAsync.
        var restartingAt = clock.Elapsed;
        await server.StartAgainAsync();
        var startedAt = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(8));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = answers.ToList();
        all.Where(a => a.At > stoppedAt + TimeSpan.FromSeconds(1) && a.At < restartingAt).ShouldAllBe(
            a => a.Status == HttpStatusCode.ServiceUnavailable, "while the database is away, every save is answered 503");
        all.Count(a => a.Status == HttpStatusCode.ServiceUnavailable).ShouldBeGreaterThan(0);
        all.Where(a => a.At > startedAt + TimeSpan.FromSeconds(4)).ShouldNotBeEmpty();
        all.Where(a => a.At > startedAt + TimeSpan.FromSeconds(4)).ShouldAllBe(a => a.Status == HttpStatusCode.Created, "the nodes recover by themselves");
        all.ShouldAllBe(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.ServiceUnavailable);
        foreach (var node in nodes.Nodes)
        {
            using var ready = await node.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var store = nodes.OpenStore();
        foreach (var (_, _, id) in all.Where(a => a.Status == HttpStatusCode.Created))
        {
            var account = (await store.GetAsync(id!)).ShouldNotBeNull($"account {id} was answered 201");
            account.SecretsProblem.ShouldBeNull();
            account.GetValues()["apiKey"]!.GetValue<string>().ShouldStartWith("k-load");
        }
    }
}
