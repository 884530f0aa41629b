namespace Flows.Host.Plugins.Isolation;

/// <summary>A plugin's worker process ended while a call to it was waiting.</summary>
public sealed class WorkerExitedException : Exception
{
    public WorkerExitedException()
        : this(null)
    {
    }

    public WorkerExitedException(int? exitCode)
        : base(exitCode is { } code ? $"The plugin's process ended (exit code {code})." : "The plugin's process ended.")
    {
        ExitCode = exitCode;
    }

    public WorkerExitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int? ExitCode { get; }
}
