using Flows.Plugins.Shared;
using Flows.Contracts;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>
/// Log lines name the host, user and database the user typed; a password pasted into one of those
/// fields must not reach the host's logs either. Exceptions are never passed on: their texts can
/// carry what the server echoed.
/// </summary>
internal sealed class ScrubbingLogger(IPluginLogger inner, SecretScrubber scrubber) : IPluginLogger
{
    public bool IsEnabled(PluginLogLevel level) => inner.IsEnabled(level);

    public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args) =>
        inner.Log(level, null, messageTemplate, [.. args.Select(a => a is string text ? scrubber.Scrub(text) : a)]);
}
