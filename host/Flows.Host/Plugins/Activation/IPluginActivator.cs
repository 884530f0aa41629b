namespace Flows.Host.Plugins.Activation;

/// <summary>
/// Turns an Active plugin (its manifest read and checked) into running code: in this process
/// (<see cref="InProcessPluginActivator"/>) or in a worker process of its own
/// (<see cref="Isolation.WorkerProcessActivator"/>); <see cref="Hosting.FlowsHostOptions.PluginWorker"/> chooses.
/// </summary>
public interface IPluginActivator
{
    /// <summary>Loads, composes and verifies <paramref name="plugin"/>; a failure is a result with its stage and reason, not an exception.</summary>
    Task<ActivationResult> ActivateAsync(PluginInfo plugin, CancellationToken cancellationToken);
}
