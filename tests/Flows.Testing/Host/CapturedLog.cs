using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Flows.Testing;

/// <summary>Every log entry a host wrote, at every level, so a test can check what it would have shown.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Whether an entry matching <paramref name="match"/> arrives within 20 s.</summary>
    public async Task<bool> WaitForAsync(Func<Entry, bool> match)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(20); waited += TimeSpan.FromMilliseconds(50))
        {
            if (_entries.Any(match))
            {
                return true;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return false;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>One entry: its message template, the message formatted, and its exception as the host passed it.</summary>
    public sealed record Entry(string Category, LogLevel Level, string Template, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : "\n" + Exception)}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var template = (state as IReadOnlyList<KeyValuePair<string, object?>>)?.FirstOrDefault(p => p.Key == "{OriginalFormat}").Value as string ?? string.Empty;
            entries.Enqueue(new Entry(category, logLevel, template, formatter(state, exception), exception));
        }
    }
}
