using System.Data.Common;
using Flows.Host.Store;
using Flows.Host.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flows.Host.Tests.Store;

/// <summary>
/// Group commit in the SQLite store: the writes that queued while another ran share one transaction
/// and one durable commit, each in a savepoint of its own.
/// </summary>
public sealed class SqliteGroupCommitTests : SandboxTests<AccountStoreSandbox>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WritesQueuedBehindARunningOne_ShareOneTransaction_AndAreAllStored()
    {
        var engine = await EngineAsync();
        var (blocker, started, release) = Blocker(engine);
        started.Wait(Patience).ShouldBeTrue();
        var queued = Enumerable.Range(1, 50).Select(i => engine.WriteAsync((c, t) => Insert(c, t, i), CancellationToken.None)).ToList();

        release.Set();
        var groups = await Task.WhenAll(queued);

        groups.Distinct().Count().ShouldBe(1, "one transaction, so one commit, for the 50 writes that waited together");
        groups[0].ShouldNotBeSameAs(await blocker);
        Stored().ShouldBe(Enumerable.Range(0, 51).Select(n => (long)n));
    }

    [Fact]
    public async Task AWriteOfAGroupThatThrows_FailsAlone_AndItsNeighboursAreStored()
    {
        var engine = await EngineAsync();
        var (blocker, started, release) = Blocker(engine);
        started.Wait(Patience).ShouldBeTrue();
        var queued = Enumerable.Range(1, 9).Select(i => engine.WriteAsync(
            (c, t) =>
            {
                var group = Insert(c, t, i);
                return i == 5 ? throw new InvalidOperationException("write 5 refused") : group;
            },
            CancellationToken.None)).ToList();

        release.Set();
        await blocker;

        (await Should.ThrowAsync<InvalidOperationException>(queued[4])).Message.ShouldBe("write 5 refused");
        var neighbours = await Task.WhenAll(queued.Where((_, i) => i != 4));
        neighbours.Distinct().Count().ShouldBe(1, "the neighbours were in the failed write's group");
        Stored().ShouldBe([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    }

    [Fact]
    public async Task AWriteCancelledWhileQueued_NeverRuns_AndItsGroupIsStored()
    {
        var engine = await EngineAsync();
        using var cancellation = new CancellationTokenSource();
        var (blocker, started, release) = Blocker(engine);
        started.Wait(Patience).ShouldBeTrue();
        var before = engine.WriteAsync((c, t) => Insert(c, t, 1), CancellationToken.None);
        var ran = false;
        var cancelled = engine.WriteAsync(
            (c, t) =>
            {
                ran = true;
                return Insert(c, t, 2);
            },
            cancellation.Token);
        var after = engine.WriteAsync((c, t) => Insert(c, t, 3), CancellationToken.None);

        await cancellation.CancelAsync();
        release.Set();
        await blocker;

        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        ran.ShouldBeFalse();
        (await before).ShouldBeSameAs(await after);
        Stored().ShouldBe([0, 1, 3]);
    }

    [Fact]
    public async Task AnAloneWrite_RunsBetweenGroups_OutsideAnyTransaction()
    {
        var engine = await EngineAsync();
        var (blocker, started, release) = Blocker(engine);
        started.Wait(Patience).ShouldBeTrue();
        var first = Enumerable.Range(1, 3).Select(i => engine.WriteAsync((c, t) => Insert(c, t, i), CancellationToken.None)).ToList();
        var alone = engine.RunAloneAsync(
            () =>
            {
                // Another connection takes the write lock at once: no group holds it, and the writes before are committed.
                using var other = new SqliteConnection($"Data Source={Sandbox.DatabasePath};Pooling=False");
                other.Open();
                using var write = other.CreateCommand();
                write.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; INSERT INTO group_commit (n) VALUES (100); COMMIT;";
                write.ExecuteNonQuery();
                using var count = other.CreateCommand();
                count.CommandText = "SELECT count(*) FROM group_commit";
                return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            },
            CancellationToken.None);
        var second = Enumerable.Range(4, 3).Select(i => engine.WriteAsync((c, t) => Insert(c, t, i), CancellationToken.None)).ToList();

        release.Set();
        await blocker;

        (await alone).ShouldBe(5, "the blocker, the three writes queued before, and its own row");
        var before = await Task.WhenAll(first);
        var after = await Task.WhenAll(second);
        before.Distinct().Count().ShouldBe(1);
        after.Distinct().Count().ShouldBe(1);
        before[0].ShouldNotBeSameAs(after[0]);
        Stored().ShouldBe([0, 1, 2, 3, 4, 5, 6, 100]);
    }

    [Theory]
    [InlineData(4, new[] { 4, 4, 2 })]
    [InlineData(1, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public async Task AGroup_TakesAtMostTheWritesPerCommitSet_InTheOrderTheyQueued(int maxWritesPerCommit, int[] groupSizes)
    {
        var engine = await EngineAsync(maxWritesPerCommit);
        var (blocker, started, release) = Blocker(engine);
        started.Wait(Patience).ShouldBeTrue();
        var queued = Enumerable.Range(1, 10).Select(i => engine.WriteAsync((c, t) => Insert(c, t, i), CancellationToken.None)).ToList();

        release.Set();
        await blocker;
        var transactions = await Task.WhenAll(queued);

        var sizes = new List<int>();
        for (var i = 0; i < transactions.Length; i++)
        {
            if (i == 0 || !ReferenceEquals(transactions[i], transactions[i - 1]))
            {
                sizes.Add(0);
            }

            sizes[^1]++;
        }

        sizes.ShouldBe(groupSizes);
        Stored().ShouldBe(Enumerable.Range(0, 11).Select(n => (long)n));
    }

    private async Task<SqliteEngine> EngineAsync(int maxWritesPerCommit = WriteQueue.MaxGroup)
    {
        var engine = new SqliteEngine(
            new AccountStoreOptions { DatabasePath = Sandbox.DatabasePath, KeyDirectory = Sandbox.KeyDirectory, MaxWritesPerCommit = maxWritesPerCommit },
            NullLogger.Instance);
        await engine.InitializeAsync(CancellationToken.None);
        using var connection = Sandbox.Raw();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE group_commit (n INTEGER NOT NULL)";
        create.ExecuteNonQuery();
        return engine;
    }

    // A write that stores 0 and holds the writing thread until released, so the next writes queue behind it.
    private static (Task<DbTransaction> Write, ManualResetEventSlim Started, ManualResetEventSlim Release) Blocker(SqliteEngine engine)
    {
        var started = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var write = engine.WriteAsync(
            (c, t) =>
            {
                started.Set();
                release.Wait(Patience);
                return Insert(c, t, 0);
            },
            CancellationToken.None);
        return (write, started, release);
    }

    // Stores n; answers the transaction the write ran in.
    private static DbTransaction Insert(DbConnection connection, DbTransaction transaction, int n)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO group_commit (n) VALUES ({n})";
        insert.ExecuteNonQuery();
        return transaction;
    }

    private List<long> Stored()
    {
        using var connection = Sandbox.Raw();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT n FROM group_commit ORDER BY n";
        using var reader = select.ExecuteReader();
        var stored = new List<long>();
        while (reader.Read())
        {
            stored.Add(reader.GetInt64(0));
        }

        return stored;
    }
}
