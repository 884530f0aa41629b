namespace Flows.Contracts;

/// <summary>Severity of a plugin log entry.</summary>
public enum PluginLogLevel
{
    /// <summary>Step-by-step detail for troubleshooting.</summary>
    Debug,

    /// <summary>Normal progress worth recording.</summary>
    Information,

    /// <summary>Something unexpected that the plugin recovered from.</summary>
    Warning,

    /// <summary>A failure of the current operation.</summary>
    Error,
}

/// <summary>
/// Structured logging for plugins, imported through MEF with <c>[Import]</c>. The host routes it
/// to its own logging under the category <c>Flows.Plugins.&lt;plugin id&gt;</c>.
/// </summary>
/// <remarks>
/// Use message templates (<c>"Logging in to {Host}"</c>) with arguments, never interpolated
/// strings, and never pass secret values as arguments.
/// </remarks>
public interface IPluginLogger
{
    /// <summary>Whether entries of <paramref name="level"/> are recorded at all.</summary>
    bool IsEnabled(PluginLogLevel level);

    /// <summary>Records one entry.</summary>
    void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args);
}

/// <summary>Shorthands for <see cref="IPluginLogger.Log"/>.</summary>
public static class PluginLoggerExtensions
{
    /// <summary>Records a debug entry.</summary>
    public static void Debug(this IPluginLogger logger, string messageTemplate, params object?[] args) =>
        logger.Log(PluginLogLevel.Debug, null, messageTemplate, args);

    /// <summary>Records an information entry.</summary>
    public static void Information(this IPluginLogger logger, string messageTemplate, params object?[] args) =>
        logger.Log(PluginLogLevel.Information, null, messageTemplate, args);

    /// <summary>Records a warning entry.</summary>
    public static void Warning(this IPluginLogger logger, string messageTemplate, params object?[] args) =>
        logger.Log(PluginLogLevel.Warning, null, messageTemplate, args);

    /// <summary>Records an error entry with the exception that caused it.</summary>
    public static void Error(this IPluginLogger logger, Exception? exception, string messageTemplate, params object?[] args) =>
        logger.Log(PluginLogLevel.Error, exception, messageTemplate, args);
}
