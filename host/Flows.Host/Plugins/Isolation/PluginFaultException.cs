namespace Flows.Host.Plugins.Isolation;

/// <summary>A plugin's code threw in its worker; only the exception's type crossed over (its message may quote a secret).</summary>
public sealed class PluginFaultException : Exception
{
    public PluginFaultException()
        : this("Exception")
    {
    }

    public PluginFaultException(string pluginExceptionType)
        : base($"The plugin threw {pluginExceptionType}.")
    {
        PluginExceptionType = pluginExceptionType;
    }

    public PluginFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        PluginExceptionType = "Exception";
    }

    /// <summary>The type name of what the plugin threw, e.g. <c>InvalidOperationException</c>.</summary>
    public string PluginExceptionType { get; }

    /// <summary>The type name to show for <paramref name="exception"/>: the plugin's own when it came from a worker.</summary>
    public static string TypeNameOf(Exception exception) =>
        exception is PluginFaultException fault ? fault.PluginExceptionType : exception.GetType().Name;
}
