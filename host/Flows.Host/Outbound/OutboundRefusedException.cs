namespace Flows.Host.Outbound;

/// <summary>
/// A connection the host's outbound policy refused: the message says which host, which address and
/// where the operator allows it. Reaches the plugin inside an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class OutboundRefusedException : IOException
{
    public OutboundRefusedException()
    {
    }

    public OutboundRefusedException(string message)
        : base(message)
    {
    }

    public OutboundRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
