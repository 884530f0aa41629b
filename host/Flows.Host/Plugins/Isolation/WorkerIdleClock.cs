namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// Ends a plugin worker once no call has run in it for its idle time: counts the calls running and,
/// when the last one ends, waits that long. A call that starts first wins (it is counted and the end
/// waits again); once the end has begun, no call starts.
/// </summary>
internal sealed class WorkerIdleClock : IDisposable
{
    // The longest wait a timer takes; a longer idle time is waited out in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly Action<TimeSpan> _end;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private int _calls;
    private DateTimeOffset? _idleSince;
    private bool _ended;

    /// <param name="timeout">How long the worker may go without a call.</param>
    /// <param name="end">Ends the worker, told how long it was idle; called once, on a timer thread.</param>
    public WorkerIdleClock(TimeSpan timeout, TimeProvider time, Action<TimeSpan> end)
    {
        _timeout = timeout;
        _time = time;
        _end = end;
        _timer = time.CreateTimer(_ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _idleSince = time.GetUtcNow();
            Arm(timeout);
        }
    }

    /// <summary>Whether the worker was ended for being idle (or the clock stopped with it).</summary>
    public bool HasEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Since when no call has been running; null while one runs.</summary>
    public DateTimeOffset? IdleSince
    {
        get
        {
            lock (_gate)
            {
                return _ended ? null : _idleSince;
            }
        }
    }

    /// <summary>Counts a call about to be sent; false when the worker is ending, and the call must not be sent.</summary>
    public bool CallStarted()
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            _calls++;
            _idleSince = null;
            return true;
        }
    }

    /// <summary>A counted call has been answered (or failed).</summary>
    public void CallEnded()
    {
        lock (_gate)
        {
            if (--_calls > 0 || _ended)
            {
                return;
            }

            _idleSince = _time.GetUtcNow();
            Arm(_timeout);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _ended = true;
        }

        _timer.Dispose();
    }

    private void Check()
    {
        TimeSpan idleFor;
        lock (_gate)
        {
            if (_ended || _calls > 0 || _idleSince is not { } since)
            {
                return;
            }

            idleFor = _time.GetUtcNow() - since;
            if (idleFor < _timeout)
            {
                Arm(_timeout - idleFor);
                return;
            }

            _ended = true;
        }

        _end(idleFor);
    }

    private void Arm(TimeSpan wait) => _timer.Change(wait < LongestWait ? wait : LongestWait, Timeout.InfiniteTimeSpan);
}
