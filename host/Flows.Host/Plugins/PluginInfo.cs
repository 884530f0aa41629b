using Flows.Host.Hosting;
using Flows.Host.Plugins.Manifests;
using Semver;

namespace Flows.Host.Plugins;

/// <summary>
/// Everything the host knows about one plugin folder, decided from its manifest and files alone
/// (and from the last activation, once there was one).
/// </summary>
public sealed record PluginInfo
{
    /// <summary>The plugin id from the manifest, or the folder name when the manifest gives none.</summary>
    public required string Id { get; init; }

    /// <summary>The plugin folder, canonical.</summary>
    public required string Directory { get; init; }

    public required PluginSource Source { get; init; }

    /// <summary>The manifest, when it could be read and passed its checks.</summary>
    public PluginManifest? Manifest { get; init; }

    public required PluginStatus Status { get; init; }

    /// <summary>Where the status was decided; <see langword="null"/> for an Active plugin.</summary>
    public PluginStage? Stage { get; init; }

    /// <summary>Why the plugin is not Active, in words; <see langword="null"/> for an Active plugin.</summary>
    public string? Reason { get; init; }

    /// <summary>Every individual problem (e.g. one per manifest error).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public string DisplayName => Manifest?.DisplayName ?? Id;

    public SemVersion? Version => Manifest?.Version;

    public IReadOnlyList<AccountContribution> Accounts => Manifest?.Accounts ?? [];

    /// <summary>A copy with another status, keeping what was read.</summary>
    public PluginInfo With(PluginStatus status, PluginStage stage, string reason, IReadOnlyList<string>? problems = null) =>
        this with { Status = status, Stage = stage, Reason = reason, Problems = problems ?? [reason] };
}
