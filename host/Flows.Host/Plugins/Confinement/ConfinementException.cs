namespace Flows.Host.Plugins.Confinement;

/// <summary>The kernel has Landlock, but a worker could not be confined by it: the plugin is not run.</summary>
public sealed class ConfinementException : Exception
{
    public ConfinementException()
    {
    }

    public ConfinementException(string message)
        : base(message)
    {
    }

    public ConfinementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
