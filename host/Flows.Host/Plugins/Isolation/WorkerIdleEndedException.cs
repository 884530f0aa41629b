namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// A call was not sent: the plugin's worker had just ended for being idle. Nothing ran; the caller
/// asks the catalog again, which starts a fresh worker.
/// </summary>
public sealed class WorkerIdleEndedException : Exception
{
    public WorkerIdleEndedException()
        : base("The plugin's worker had ended for being idle; the call was not sent.")
    {
    }

    public WorkerIdleEndedException(string message)
        : base(message)
    {
    }

    public WorkerIdleEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
