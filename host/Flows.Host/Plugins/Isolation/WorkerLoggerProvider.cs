using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// Sends a worker's log entries to the host as template and arguments, so they reach the host's log
/// as if the plugin ran there. An exception travels as its type only: its message may quote a secret.
/// </summary>
internal sealed class WorkerLoggerProvider(WorkerChannel channel) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WorkerLogger(channel, categoryName);

    public void Dispose()
    {
    }

    private sealed class WorkerLogger(WorkerChannel channel, string category) : ILogger
    {
        // A message template and its arguments when the entry has them (LoggerMessage, ILogger.Log with
        // a template); otherwise the formatted text as the one argument of "{Message}".
        private static (string Template, JsonArray Args) TemplateAndArguments<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                && pairs.FirstOrDefault(p => p.Key == "{OriginalFormat}").Value is string template)
            {
                var args = new JsonArray();
                foreach (var value in pairs.Where(p => p.Key != "{OriginalFormat}").Select(p => p.Value))
                {
                    args.Add(value is null ? null : JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)));
                }

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
                channel.Write(new JsonObject
                {
                    ["type"] = "log",
                    ["level"] = logLevel.ToString(),
                    ["category"] = category,
                    ["template"] = template,
                    ["args"] = args,
                    ["exceptionType"] = exception?.GetType().Name,
                });
            }
            catch (IOException)
            {
                // The host is gone; nobody is listening.
            }
        }
    }
}
