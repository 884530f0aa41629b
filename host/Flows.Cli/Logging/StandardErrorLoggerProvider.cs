using Microsoft.Extensions.Logging;

namespace Flows.Cli.Logging;

/// <summary>
/// One line per entry on standard error ("warn: Category: message"), written synchronously. The
/// console provider from Microsoft.Extensions.Logging.Console costs tens of milliseconds of start-up
/// (options, configuration binding, a queue thread) that a short-lived command should not pay.
/// </summary>
internal sealed class StandardErrorLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new StandardErrorLogger(categoryName, minimum, _gate);

    public void Dispose()
    {
    }

    private sealed class StandardErrorLogger(string category, LogLevel minimum, Lock gate) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{Label(logLevel)}: {category}: {formatter(state, exception)}";
            lock (gate)
            {
                Console.Error.WriteLine(line);
                if (exception is not null && minimum <= LogLevel.Debug)
                {
                    Console.Error.WriteLine(exception);
                }
            }
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
