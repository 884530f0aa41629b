namespace Flows.Host.Store;

/// <summary>
/// Runs the store's write transactions in the order they were queued, on one thread of its own; the
/// writes waiting together when the thread comes back for more are handed over as one group, which
/// an engine commits once (<see cref="WriteGroup"/>).
/// </summary>
/// <remarks>
/// Each durable commit waits for the disk. Writers that took turns through an async lock each resumed
/// through the thread pool after the previous commit, and on a busy machine (a web server answering
/// other requests) that hand-over sat behind the pool's other work. Here the next queued group starts
/// on the same thread the moment the last one commits. The thread ends after <see cref="IdleTimeout"/>
/// without work and starts again with the next write, so a store nobody writes to holds no thread.
/// </remarks>
internal sealed class WriteQueue
{
    /// <summary>How long the thread waits for more work before it ends.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The most writes handed over as one group, unless the queue is told otherwise.</summary>
    public const int MaxGroup = 64;

    private readonly int _maxGroup;

    // Monitor.Wait/Pulse need a plain object, not a System.Threading.Lock.
    private readonly object _gate = new();
    private readonly Queue<QueuedWrite> _writes = new();
    private readonly string _threadName;
    private readonly WriteGroup _group;
    private bool _running;
    private int _threadsStarted;

    /// <param name="threadName">The writing thread's name.</param>
    /// <param name="idleTimeout">How long the thread waits for work before it ends.</param>
    /// <param name="group">How a group of writes is run; by default one after another, each on its own.</param>
    /// <param name="maxGroup">The most writes handed over as one group.</param>
    public WriteQueue(string threadName, TimeSpan? idleTimeout = null, WriteGroup? group = null, int maxGroup = MaxGroup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroup, 1);
        _maxGroup = maxGroup;
        _threadName = threadName;
        _group = group ?? WriteGroup.OneByOne;
        IdleTimeout = idleTimeout ?? DefaultIdleTimeout;
    }

    public TimeSpan IdleTimeout { get; }

    /// <summary>How many times a thread was started: one per burst of writes after an idle spell.</summary>
    public int ThreadsStarted
    {
        get
        {
            lock (_gate)
            {
                return _threadsStarted;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="write"/> (synchronous database work) and completes with its result or its
    /// exception once its group is done. Cancelled while still queued, it does not run. The caller's
    /// continuation never runs on the writing thread. An <paramref name="alone"/> write is run in a group
    /// of its own, one by one (outside any group's transaction).
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> write, bool alone = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new Write<T>(write, ExecutionContext.Capture(), cancellationToken) { Alone = alone };
        lock (_gate)
        {
            _writes.Enqueue(item);
            if (_running)
            {
                Monitor.Pulse(_gate);
            }
            else
            {
                _running = true;
                _threadsStarted++;
                new Thread(Drain) { IsBackground = true, Name = _threadName }.Start();
            }
        }

        return item.Task;
    }

    private void Drain()
    {
        var group = new List<QueuedWrite>(_maxGroup);
        while (true)
        {
            group.Clear();
            lock (_gate)
            {
                while (_writes.Count == 0)
                {
                    if (!Monitor.Wait(_gate, IdleTimeout) && _writes.Count == 0)
                    {
                        _running = false;
                        return;
                    }
                }

                group.Add(_writes.Dequeue());
                while (!group[0].Alone && _writes.Count > 0 && !_writes.Peek().Alone && group.Count < _maxGroup)
                {
                    group.Add(_writes.Dequeue());
                }
            }

            try
            {
                (group[0].Alone ? WriteGroup.OneByOne : _group).Run(group);
            }
#pragma warning disable CA1031 // A group runner's own failure fails its writes; the thread must go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (var write in group)
                {
                    write.Fail(exception);
                }
            }
            finally
            {
                foreach (var write in group)
                {
                    write.Complete();
                }
            }
        }
    }

    private sealed class Write<T>(Func<T> write, ExecutionContext? context, CancellationToken cancellationToken) : QueuedWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;
        private bool _canceled;

        public Task<T> Task => _done.Task;

        public override bool Execute()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _canceled = true;
                return false;
            }

            if (context is null)
            {
                Invoke();
            }
            else
            {
                // The caller's logging scopes and activity stay with the write.
                ExecutionContext.Run(context, static state => ((Write<T>)state!).Invoke(), this);
            }

            return !_canceled && _failure is null;
        }

        public override void Fail(Exception exception)
        {
            if (!_canceled && _failure is null)
            {
                _failure = exception;
            }
        }

        public override void Complete()
        {
            if (_canceled)
            {
                _done.TrySetCanceled(cancellationToken);
            }
            else if (_failure is not null)
            {
                _done.TrySetException(_failure);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        private void Invoke()
        {
            try
            {
                _result = write();
            }
#pragma warning disable CA1031 // Every failure belongs to the caller that queued the write.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (exception is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken)
                {
                    _canceled = true;
                }
                else
                {
                    _failure = exception;
                }
            }
        }
    }
}

/// <summary>A write waiting in a <see cref="WriteQueue"/>: run by its group, then told to its caller.</summary>
internal abstract class QueuedWrite
{
    /// <summary>Whether the write runs in a group of its own, outside any group's transaction.</summary>
    public bool Alone { get; init; }

    /// <summary>Runs the write (unless it was cancelled meanwhile) and keeps its outcome; false when it did not succeed.</summary>
    public abstract bool Execute();

    /// <summary>Fails a write that succeeded, because its work was not kept (its group's commit failed).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Tells the caller the outcome.</summary>
    public abstract void Complete();
}

/// <summary>How the writes taken from the queue together are run; every write is completed by the queue afterwards.</summary>
internal abstract class WriteGroup
{
    /// <summary>Each write on its own, one after another.</summary>
    public static readonly WriteGroup OneByOne = new EachAlone();

    public abstract void Run(IReadOnlyList<QueuedWrite> writes);

    private sealed class EachAlone : WriteGroup
    {
        public override void Run(IReadOnlyList<QueuedWrite> writes)
        {
            foreach (var write in writes)
            {
                write.Execute();
                write.Complete();
            }
        }
    }
}
