using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Flows.Contracts;

namespace Flows.Testing;

/// <summary>Keeps every log entry a validator writes, rendered the way a log sink would show it.</summary>
public sealed partial class RecordingPluginLogger : IPluginLogger
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public bool IsEnabled(PluginLogLevel level) => true;

    public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
    {
        var index = 0;
        var rendered = Placeholder().Replace(messageTemplate, _ => index < args.Length ? $"{args[index++]}" : string.Empty);
        _entries.Enqueue($"{level}: {rendered}{(exception is null ? string.Empty : " " + exception)}");
    }

    [GeneratedRegex(@"\{[^{}]+\}")]
    private static partial Regex Placeholder();
}
