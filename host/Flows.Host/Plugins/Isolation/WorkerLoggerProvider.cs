using System.Globalization;
using Flows.Host.Plugins.Isolation.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// Sends a worker's log entries to the host as template and arguments (<see cref="PluginLogLine"/>),
/// so they reach the host's log as if the plugin ran there. An exception travels as its type only:
/// its message may quote a secret.
/// </summary>
internal sealed class WorkerLoggerProvider(JsonRpc rpc) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WorkerLogger(rpc, categoryName);

    public void Dispose()
    {
    }

    private sealed class WorkerLogger(JsonRpc rpc, string category) : ILogger
    {
        // A message template and its arguments when the entry has them (LoggerMessage, ILogger.Log with
        // a template); otherwise the formatted text as the one argument of "{Message}".
        private static (string Template, List<string?> Args) TemplateAndArguments<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                && pairs.FirstOrDefault(p => p.Key == "{OriginalFormat}").Value is string template)
            {
                var args = pairs.Where(p => p.Key != "{OriginalFormat}").Select(p => p.Value is null ? null : Convert.ToString(p.Value, CultureInfo.InvariantCulture)).ToList();
                return (template, args);
            }

            return ("{Message}", [formatter(state, exception)]);
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var (template, args) = TemplateAndArguments(state, exception, formatter);
            try
            {
                // Written before the call returns, as the console would be: the plugin may end the process next.
                rpc.NotifyAsync(WorkerProtocol.Log, new PluginLogLine(category, logLevel, template, args, exception?.GetType().Name)).GetAwaiter().GetResult();
            }
            catch (Exception failure) when (failure is ConnectionLostException or ObjectDisposedException or IOException)
            {
                // The host is gone; nobody is listening.
            }
        }
    }
}
