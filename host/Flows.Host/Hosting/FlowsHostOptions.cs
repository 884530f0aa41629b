namespace Flows.Host.Hosting;

/// <summary>Where the host keeps its data and finds plugins, and how patient it is with them.</summary>
public sealed class FlowsHostOptions
{
    /// <summary>The environment variable that overrides <see cref="HomeDirectory"/>.</summary>
    public const string HomeVariable = "FLOWS_HOME";

    /// <summary>
    /// The data directory: user-installed plugins, plugin state and (later) accounts. Defaults to
    /// <c>$FLOWS_HOME</c>, else a per-user data folder (<c>~/.local/share/flows</c> on Linux).
    /// </summary>
    public string HomeDirectory { get; set; } = DefaultHomeDirectory();

    /// <summary>The plugins shipped with the host: <c>plugins/</c> next to the executable.</summary>
    public string? BundledPluginsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Plugins the user installed: <c>plugins/</c> in <see cref="HomeDirectory"/>.</summary>
    public string UserPluginsDirectory => Path.Combine(HomeDirectory, "plugins");

    /// <summary>The longest activation (load, compose, verify) of one plugin may take before it is marked Faulted.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Outbound HTTP: longest connect.</summary>
    public TimeSpan OutboundConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Outbound HTTP: longest request in all.</summary>
    public TimeSpan OutboundRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The directories scanned for plugins, bundled first.</summary>
    public IReadOnlyList<PluginRoot> PluginRoots =>
        BundledPluginsDirectory is null
            ? [new PluginRoot(UserPluginsDirectory, PluginSource.User)]
            : [new PluginRoot(BundledPluginsDirectory, PluginSource.Bundled), new PluginRoot(UserPluginsDirectory, PluginSource.User)];

    private static string DefaultHomeDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(data, "flows");
    }
}

/// <summary>Where a plugin was found.</summary>
public enum PluginSource
{
    /// <summary>Shipped next to the host executable.</summary>
    Bundled,

    /// <summary>Installed by the user into the data directory.</summary>
    User,
}

/// <summary>A directory whose sub-folders are plugins.</summary>
public sealed record PluginRoot(string Directory, PluginSource Source);
