namespace Flows.Host.Plugins.Activation;

/// <summary>An activated plugin, or the stage and reason it failed.</summary>
public sealed record ActivationResult(ActivatedPlugin? Plugin, PluginStage? FailedStage, string? Reason, IReadOnlyList<string> Problems)
{
    public bool IsSuccess => Plugin is not null;

    public static ActivationResult Succeeded(ActivatedPlugin plugin) => new(plugin, null, null, []);

    public static ActivationResult Failed(PluginStage stage, string reason, IReadOnlyList<string>? problems = null) =>
        new(null, stage, reason, problems ?? [reason]);

    /// <summary>The result for a plugin that is not Active: it is not activated at all.</summary>
    public static ActivationResult NotActive(PluginInfo plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return Failed(plugin.Stage ?? PluginStage.Load, plugin.Reason ?? $"Plugin '{plugin.Id}' is {plugin.Status}.");
    }
}
