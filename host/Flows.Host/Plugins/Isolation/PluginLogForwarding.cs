using System.Collections.Concurrent;
using Flows.Host.Plugins.Isolation.Protocol;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// Where log entries from plugin workers enter the host's log: the one way in, so whatever the host
/// must do to a plugin's log line before it is written happens here: the secret values of the plugin's
/// checks are masked in its template and arguments.
/// </summary>
public sealed class PluginLogForwarding(ILoggerFactory loggers, Secrets.PluginSecretScrubbing secretScrubbing)
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="line"/>, from the worker of plugin <paramref name="pluginId"/>, to the host's log under its own category.</summary>
    public void Write(string pluginId, PluginLogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // The plugin's category (Flows.Plugins.<id>) or that of the host code that runs in the worker.
        var category = string.IsNullOrEmpty(line.Category) ? $"Flows.Plugins.{pluginId}" : line.Category;
        var logger = _loggers.GetOrAdd(category, loggers.CreateLogger);
        if (!logger.IsEnabled(line.Level))
        {
            return;
        }

        var exception = line.ExceptionType is { } type ? new PluginFaultException(type) : null;
        var scrubber = secretScrubbing.For(pluginId);
        var template = scrubber.Scrub(line.Template ?? string.Empty);
        var args = scrubber.Scrub([.. line.Args ?? []]);
#pragma warning disable CA2254, CA1848 // The template comes from the plugin; it is still a template, not a formatted string.
        logger.Log(line.Level, exception, template, args);
#pragma warning restore CA2254, CA1848
    }
}
