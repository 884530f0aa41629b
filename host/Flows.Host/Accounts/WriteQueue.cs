namespace Flows.Host.Accounts;

/// <summary>
/// Runs the store's write transactions one after another, in the order they were queued, on one
/// thread of its own.
/// </summary>
/// <remarks>
/// Each durable commit waits for the disk. Writers that took turns through an async lock each resumed
/// through the thread pool after the previous commit, and on a busy machine (a web server answering
/// other requests) that hand-over sat behind the pool's other work: the API created accounts at about
/// 0.8× the rate the store manages alone. Here the next queued transaction starts on the same thread
/// the moment the last one commits. The thread ends after <see cref="IdleTimeout"/> without work and
/// starts again with the next write, so a store nobody writes to (or forgot) holds no thread.
/// </remarks>
internal sealed class WriteQueue
{
    /// <summary>How long the thread waits for more work before it ends.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(2);

    // Monitor.Wait/Pulse need a plain object, not a System.Threading.Lock.
    private readonly object _gate = new();
    private readonly Queue<IWrite> _writes = new();
    private readonly string _threadName;
    private bool _running;
    private int _threadsStarted;

    public WriteQueue(string threadName, TimeSpan? idleTimeout = null)
    {
        _threadName = threadName;
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
    /// exception. Cancelled while still queued, it does not run. The caller's continuation never runs
    /// on the writing thread.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new Write<T>(write, ExecutionContext.Capture(), cancellationToken);
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
        while (true)
        {
            IWrite next;
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

                next = _writes.Dequeue();
            }

            next.Run();
        }
    }

    private interface IWrite
    {
        void Run();
    }

    private sealed class Write<T>(Func<T> write, ExecutionContext? context, CancellationToken cancellationToken) : IWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public void Run()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _done.TrySetCanceled(cancellationToken);
                return;
            }

            if (context is null)
            {
                Execute();
            }
            else
            {
                // The caller's logging scopes and activity stay with the write.
                ExecutionContext.Run(context, static state => ((Write<T>)state!).Execute(), this);
            }
        }

        private void Execute()
        {
            try
            {
                _done.TrySetResult(write());
            }
#pragma warning disable CA1031 // Every failure belongs to the caller that queued the write; the thread must go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (exception is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken)
                {
                    _done.TrySetCanceled(cancellationToken);
                }
                else
                {
                    _done.TrySetException(exception);
                }
            }
        }
    }
}
