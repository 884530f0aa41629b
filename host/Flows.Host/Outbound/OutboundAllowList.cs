using Flows.Host.Hosting;

namespace Flows.Host.Outbound;

/// <summary>
/// The endpoints the operator allows one plugin to reach although they are internal: those in
/// <c>FLOWS_OUTBOUND_ALLOWED_HOSTS</c> (every plugin) and in the plugin's own list, if it has one
/// (<c>Plugins:&lt;id&gt;:AllowedHosts</c>; for the bundled connectors also <c>FLOWS_SALESFORCE_ALLOWED_HOSTS</c>,
/// <c>FLOWS_POSTGRES_ALLOWED_HOSTS</c>).
/// </summary>
internal sealed class OutboundAllowList
{
    private readonly IReadOnlyList<AllowedEndpoint> _endpoints;

    public OutboundAllowList(IReadOnlyList<AllowedEndpoint> endpoints, IReadOnlyList<string> variables)
    {
        _endpoints = endpoints;
        Variables = variables;
    }

    /// <summary>Where the operator allows more, for messages: the plugin's own variable first.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>How to say where the operator allows more, e.g. <c>FLOWS_POSTGRES_ALLOWED_HOSTS</c> or <c>FLOWS_OUTBOUND_ALLOWED_HOSTS</c>.</summary>
    public string VariablesText => string.Join(" or ", Variables);

    /// <summary>The allow-list of <paramref name="pluginId"/> (null: no plugin, the operator's list for all only).</summary>
    public static OutboundAllowList For(FlowsHostOptions options, string? pluginId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoints = new List<AllowedEndpoint>(AllowedEndpoint.ParseList(options.OutboundAllowedHosts));
        var variables = new List<string>();
        if (pluginId is not null && options.PluginAllowedHosts.TryGetValue(pluginId, out var list))
        {
            // Any plugin's own settings section; a bundled connector's list also has a variable of its own.
            endpoints.AddRange(AllowedEndpoint.ParseList(list));
        }

        if (pluginId is not null && FlowsHostOptions.PluginAllowedHostsVariables.TryGetValue(pluginId, out var variable))
        {
            variables.Add(variable);
        }

        variables.Add(FlowsHostOptions.OutboundAllowedHostsVariable);
        return new OutboundAllowList(endpoints, variables);
    }

    public bool Allows(string host, int port, int defaultPort) => _endpoints.Any(e => e.Matches(host, port, defaultPort));

    public bool Allows(System.Net.IPAddress address, int port, int defaultPort) => _endpoints.Any(e => e.Matches(address, port, defaultPort));
}
