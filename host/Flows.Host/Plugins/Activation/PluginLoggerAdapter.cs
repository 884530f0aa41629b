using Flows.Contracts;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Activation;

/// <summary>Routes a plugin's <see cref="IPluginLogger"/> calls into the host's logging, keeping message templates.</summary>
internal sealed class PluginLoggerAdapter(ILogger logger) : IPluginLogger
{
    public bool IsEnabled(PluginLogLevel level) => logger.IsEnabled(Map(level));

    public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
    {
        var mapped = Map(level);
        if (logger.IsEnabled(mapped))
        {
#pragma warning disable CA2254, CA1848 // The template comes from the plugin; it is still a template, not a formatted string.
            logger.Log(mapped, exception, messageTemplate, args);
#pragma warning restore CA2254, CA1848
        }
    }

    private static LogLevel Map(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Debug => LogLevel.Debug,
        PluginLogLevel.Information => LogLevel.Information,
        PluginLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
