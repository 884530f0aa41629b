using Flows.Contracts;
using Flows.Host.Plugins.Isolation;

namespace Flows.Host.Secrets;

/// <summary>
/// A plugin's logger that masks the secret values of its checks (<see cref="PluginSecretScrubbing"/>)
/// in the template and the arguments of every entry. An exception whose text holds one is passed on
/// by its type only.
/// </summary>
public sealed class ScrubbingPluginLogger(IPluginLogger inner, PluginSecretScrubbing scrubbing, string pluginId) : IPluginLogger
{
    /// <inheritdoc/>
    public bool IsEnabled(PluginLogLevel level) => inner.IsEnabled(level);

    /// <inheritdoc/>
    public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
    {
        var scrubber = scrubbing.For(pluginId);
        if (scrubber.IsEmpty)
        {
            inner.Log(level, exception, messageTemplate, args);
            return;
        }

        if (exception is not null && scrubber.Reveals(exception.ToString()))
        {
            exception = new PluginFaultException(PluginFaultException.TypeNameOf(exception));
        }

        inner.Log(level, exception, scrubber.Scrub(messageTemplate), scrubber.Scrub(args));
    }
}
