namespace Flows.Host.Hosting;

/// <summary>Where the host keeps its data and finds plugins, and how patient it is with them.</summary>
public sealed class FlowsHostOptions
{
    /// <summary>The environment variable that sets <see cref="HomeDirectory"/>.</summary>
    public const string HomeVariable = "FLOWS_HOME";

    /// <summary>
    /// The environment variable holding the web host's access credential. Named here, not only in the
    /// web host, because the host's settings (<see cref="FlowsConfiguration.Variables"/>) read it.
    /// </summary>
    public const string AccessTokenVariable = "FLOWS_ACCESS_TOKEN";

    /// <summary>
    /// The data directory: user-installed plugins, plugin state, accounts and <c>flows.json</c>. Set by
    /// <c>$FLOWS_HOME</c> (<see cref="FlowsConfiguration"/>), else a per-user data folder (<c>~/.local/share/flows</c> on Linux).
    /// </summary>
    public string HomeDirectory { get; set; } = DefaultHomeDirectory();

    /// <summary>The environment variable that sets <see cref="NodeName"/>.</summary>
    public const string NodeNameVariable = "FLOWS_NODE_NAME";

    /// <summary>
    /// This node's name among the <c>flows serve</c> nodes of a shared store (<c>Nodes:Name</c>). Null:
    /// the machine's name and the port it listens on, the same across restarts, different for two
    /// nodes on one machine.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>The plugins shipped with the host: <c>plugins/</c> next to the executable.</summary>
    public string? BundledPluginsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Plugins the user installed: <c>plugins/</c> in <see cref="HomeDirectory"/>.</summary>
    public string UserPluginsDirectory => Path.Combine(HomeDirectory, "plugins");

    /// <summary>The longest activation (load, compose, verify) of one plugin may take before it is marked Faulted.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How to start a worker process that runs one plugin's code, so that a plugin that crashes (a
    /// stack overflow, <c>Environment.Exit</c>) ends its worker, not the host. Null: plugins run in
    /// this process, each in its own load context (short-lived commands, tests).
    /// </summary>
    public Plugins.Isolation.PluginWorkerStart? PluginWorker { get; set; }

    /// <summary>
    /// How long a plugin's worker process may go without a call before it ends (it starts again on
    /// next use). Default 10 minutes; <c>PluginWorkers:IdleMinutes</c> in <see cref="FlowsConfiguration"/>.
    /// </summary>
    public TimeSpan WorkerIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Set to <c>1</c>, plugin workers run unconfined (to debug a connector that needs a file it may not read).</summary>
    public const string UnconfinedVariable = "FLOWS_PLUGINS_UNCONFINED";

    /// <summary>
    /// Whether each plugin worker is confined before plugin code loads (Landlock on Linux): it may read
    /// only its plugin's folder, the runtime and system libraries, and write only a scratch folder of
    /// its own. On by default; off with <c>$FLOWS_PLUGINS_UNCONFINED=1</c>.
    /// </summary>
    public bool ConfinePlugins { get; set; } = true;

    /// <summary>
    /// The longest a connector's validator may take (on top of its own HTTP timeouts) before the check
    /// is given up as "unavailable"; a validator that ignores cancellation is abandoned, not awaited.
    /// </summary>
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The environment variable (seconds) that sets <see cref="OutboundConnectTimeout"/>.</summary>
    public const string ConnectTimeoutVariable = "FLOWS_OUTBOUND_CONNECT_TIMEOUT";

    /// <summary>The environment variable (seconds) that sets <see cref="OutboundRequestTimeout"/>.</summary>
    public const string RequestTimeoutVariable = "FLOWS_OUTBOUND_TIMEOUT";

    /// <summary>Outbound HTTP: longest connect. Default 10 s, or <c>$FLOWS_OUTBOUND_CONNECT_TIMEOUT</c> seconds.</summary>
    public TimeSpan OutboundConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Outbound HTTP: longest request in all. Default 30 s, or <c>$FLOWS_OUTBOUND_TIMEOUT</c> seconds.</summary>
    public TimeSpan OutboundRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable listing internal endpoints every plugin may reach (<c>host[:port]</c>, comma-separated).</summary>
    public const string OutboundAllowedHostsVariable = "FLOWS_OUTBOUND_ALLOWED_HOSTS";

    /// <summary>The bundled connectors' own allow-list variables, by plugin id (same syntax).</summary>
    public static IReadOnlyDictionary<string, string> PluginAllowedHostsVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["flows.salesforce"] = "FLOWS_SALESFORCE_ALLOWED_HOSTS",
        ["flows.postgresql"] = "FLOWS_POSTGRES_ALLOWED_HOSTS",
    };

    /// <summary>
    /// Internal endpoints (loopback, private, link-local…) every plugin may connect to, as the operator
    /// wrote them in <c>$FLOWS_OUTBOUND_ALLOWED_HOSTS</c>: <c>host[:port]</c>, comma-separated; an entry
    /// without a port allows only the protocol's default port. Never settable from a form.
    /// </summary>
    public string? OutboundAllowedHosts { get; set; }

    /// <summary>
    /// Internal endpoints one plugin may connect to, by plugin id, in the same syntax: each plugin's
    /// <c>Plugins:&lt;id&gt;:AllowedHosts</c> setting, which <see cref="PluginAllowedHostsVariables"/> set
    /// (<c>$FLOWS_SALESFORCE_ALLOWED_HOSTS</c>, <c>$FLOWS_POSTGRES_ALLOWED_HOSTS</c>).
    /// </summary>
    public IDictionary<string, string> PluginAllowedHosts { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The directories scanned for plugins, bundled first.</summary>
    public IReadOnlyList<PluginRoot> PluginRoots =>
        BundledPluginsDirectory is null
            ? [new PluginRoot(UserPluginsDirectory, PluginSource.User)]
            : [new PluginRoot(BundledPluginsDirectory, PluginSource.Bundled), new PluginRoot(UserPluginsDirectory, PluginSource.User)];

    private static string DefaultHomeDirectory()
    {
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
