namespace Flows.Host.Plugins.Isolation.Protocol;

/// <summary>
/// Reads a stream of newline-delimited messages and fails once one grows past a limit: the JSON-RPC
/// library would otherwise buffer whatever a broken or hostile worker sends without a newline.
/// </summary>
internal sealed class MessageSizeLimit(Stream inner, int maxMessageBytes) : Stream
{
    private long _sinceNewline;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer)]);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(buffer.AsSpan(offset, await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        var newline = read.LastIndexOf((byte)'\n');
        _sinceNewline = newline < 0 ? _sinceNewline + read.Length : read.Length - newline - 1;
        if (_sinceNewline > maxMessageBytes)
        {
            throw new InvalidDataException($"A message is longer than {maxMessageBytes} bytes.");
        }

        return read.Length;
    }
}
