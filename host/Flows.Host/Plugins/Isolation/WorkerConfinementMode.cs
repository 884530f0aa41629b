namespace Flows.Host.Plugins.Isolation;

/// <summary>What a starting plugin worker does about confinement (an argument of its command line).</summary>
public enum WorkerConfinementMode
{
    /// <summary>Confine itself, then start again as <see cref="Confined"/>; unconfined only where the kernel cannot confine.</summary>
    Confine,

    /// <summary>Already confined: started again by a <see cref="Confine"/> worker.</summary>
    Confined,

    /// <summary>Confinement is turned off.</summary>
    Unconfined,
}
