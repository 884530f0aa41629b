using Flows.Host.Store;

namespace Flows.Host.Tests.Store;

public sealed class WriteQueueTests
{
    [Fact]
    public async Task RunAsync_RunsWritesOneAtATimeInTheOrderTheyWereQueued()
    {
        var queue = new WriteQueue("test writes");
        var order = new List<int>();
        var running = 0;
        var overlapped = false;
        var writes = Enumerable.Range(0, 200).Select(i => queue.RunAsync(() =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            Thread.SpinWait(200);
            order.Add(i);
            Interlocked.Decrement(ref running);
            return i;
        })).ToList();

        var results = await Task.WhenAll(writes);

        results.ShouldBe(Enumerable.Range(0, 200));
        order.ShouldBe(Enumerable.Range(0, 200));
        overlapped.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_RunsTheWriteOnItsOwnThread_AndResumesTheCallerElsewhere()
    {
        var queue = new WriteQueue("test writes");
        var caller = Environment.CurrentManagedThreadId;

        var (writerId, writerName) = await queue.RunAsync(() => (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name));
        var resumedOn = Environment.CurrentManagedThreadId;

        writerId.ShouldNotBe(caller);
        writerName.ShouldBe("test writes");
        resumedOn.ShouldNotBe(writerId);
    }

    [Fact]
    public async Task RunAsync_WhenTheWriteThrows_FailsThatCallOnly_AndTheNextWriteRuns()
    {
        var queue = new WriteQueue("test writes");

        var failing = queue.RunAsync<int>(() => throw new InvalidOperationException("label taken"));
        var next = queue.RunAsync(() => 42);

        (await Should.ThrowAsync<InvalidOperationException>(failing)).Message.ShouldBe("label taken");
        (await next).ShouldBe(42);
    }

    [Fact]
    public async Task RunAsync_WhenCancelledWhileQueued_DoesNotRunTheWrite()
    {
        var queue = new WriteQueue("test writes");
        using var release = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var blocker = queue.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)));
        var ran = false;
        var queued = queue.RunAsync(() => ran = true, cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();
        release.Set();

        (await blocker).ShouldBeTrue();
        await Should.ThrowAsync<OperationCanceledException>(queued);
        ran.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_WithAnAlreadyCancelledToken_IsCancelledAtOnce()
    {
        var queue = new WriteQueue("test writes");
        var ran = false;

        await Should.ThrowAsync<OperationCanceledException>(queue.RunAsync(() => ran = true, cancellationToken: new CancellationToken(canceled: true)));

        ran.ShouldBeFalse();
        queue.ThreadsStarted.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_KeepsTheCallersAsyncLocals()
    {
        var queue = new WriteQueue("test writes");
        var scope = new AsyncLocal<string> { Value = "request 17" };

        (await queue.RunAsync(() => scope.Value)).ShouldBe("request 17");
    }

    [Fact]
    public async Task RunAsync_AfterAnIdleSpell_StartsAFreshThread_AndDuringABurstKeepsOne()
    {
        var queue = new WriteQueue("test writes", TimeSpan.FromMilliseconds(300));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => queue.RunAsync(() => i)));
        var duringBurst = queue.ThreadsStarted;
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        (await queue.RunAsync(() => "after the pause")).ShouldBe("after the pause");

        duringBurst.ShouldBe(1);
        queue.ThreadsStarted.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_HandsTheWritesQueuedBehindARunningOneOverAsOneGroup_AndAnAloneWriteAsAGroupOfItsOwn()
    {
        var groups = new CountingGroup();
        var queue = new WriteQueue("test writes", group: groups);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = queue.RunAsync(() =>
        {
            started.Set();
            return release.Wait(TimeSpan.FromSeconds(10));
        });
        started.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        var before = Enumerable.Range(0, 100).Select(i => queue.RunAsync(() => i)).ToList();
        var alone = queue.RunAsync(() => "alone", alone: true);
        var after = Enumerable.Range(0, 3).Select(i => queue.RunAsync(() => i)).ToList();

        release.Set();

        (await blocker).ShouldBeTrue();
        (await Task.WhenAll(before)).ShouldBe(Enumerable.Range(0, 100));
        (await alone).ShouldBe("alone");
        (await Task.WhenAll(after)).ShouldBe(Enumerable.Range(0, 3));
        groups.Sizes.ShouldBe([1, WriteQueue.MaxGroup, 100 - WriteQueue.MaxGroup, 3], "the alone write is not run by the group");
    }

    private sealed class CountingGroup : WriteGroup
    {
        public List<int> Sizes { get; } = [];

        public override void Run(IReadOnlyList<QueuedWrite> writes)
        {
            Sizes.Add(writes.Count);
            foreach (var write in writes)
            {
                write.Execute();
            }
        }
    }
}
