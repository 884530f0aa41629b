namespace Flows.Host.Secrets;

/// <summary>
/// The secret values each plugin is working with: those of the checks it is running now and of its
/// last few, so that a log line written a moment after a check ends is masked too. The host's side
/// of a plugin's log (in process and from its worker) masks them in every entry.
/// </summary>
public sealed class PluginSecretScrubbing
{
    /// <summary>How many finished checks per plugin are still masked in late log lines.</summary>
    public const int RecentChecks = 8;

    private readonly Dictionary<string, PluginSecrets> _plugins = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Marks <paramref name="secrets"/> as in use by <paramref name="pluginId"/> until the returned
    /// handle is disposed, and as recent for a while after.
    /// </summary>
    public IDisposable Track(string pluginId, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(secrets);
        var check = new Check(this, pluginId, [.. secrets.OfType<string>()]);
        lock (_lock)
        {
            Secrets(pluginId).Running.Add(check);
            Secrets(pluginId).Scrubber = null;
        }

        return check;
    }

    /// <summary>The scrubber for <paramref name="pluginId"/>'s log entries now.</summary>
    public SecretScrubber For(string pluginId)
    {
        lock (_lock)
        {
            if (!_plugins.TryGetValue(pluginId, out var secrets))
            {
                return SecretScrubber.None;
            }

            return secrets.Scrubber ??= new SecretScrubber([.. secrets.Running.SelectMany(c => c.Values), .. secrets.Recent.SelectMany(c => c.Values)]);
        }
    }

    private PluginSecrets Secrets(string pluginId)
    {
        if (!_plugins.TryGetValue(pluginId, out var secrets))
        {
            secrets = new PluginSecrets();
            _plugins[pluginId] = secrets;
        }

        return secrets;
    }

    private void Finish(Check check)
    {
        lock (_lock)
        {
            var secrets = Secrets(check.PluginId);
            if (!secrets.Running.Remove(check))
            {
                return;
            }

            secrets.Recent.Enqueue(check);
            while (secrets.Recent.Count > RecentChecks)
            {
                secrets.Recent.Dequeue();
            }

            secrets.Scrubber = null;
        }
    }

    private sealed class PluginSecrets
    {
        public List<Check> Running { get; } = [];

        public Queue<Check> Recent { get; } = new();

        public SecretScrubber? Scrubber { get; set; }
    }

    private sealed class Check(PluginSecretScrubbing owner, string pluginId, string[] values) : IDisposable
    {
        public string PluginId => pluginId;

        public string[] Values => values;

        public void Dispose() => owner.Finish(this);
    }
}
