using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation.Protocol;

/// <summary>
/// A log entry written in a plugin's worker, sent to the host: its category (the plugin's, or that of
/// the host code running in the worker), level, message template and arguments as text. An exception
/// travels as its type name only: its message may quote a secret.
/// </summary>
public sealed record PluginLogLine(string Category, LogLevel Level, string Template, IReadOnlyList<string?> Args, string? ExceptionType);
