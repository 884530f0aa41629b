using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// One side of the pipe between the host and a plugin worker: one JSON object per line, UTF-8.
/// Writes from several threads are serialised; reads are for one reader at a time.
/// </summary>
/// <remarks>
/// Messages, by <c>type</c>. Worker to host: <c>stage</c> as each activation stage starts (so a worker
/// that dies or hangs is reported at the right stage); <c>activated</c> (definitions, validators,
/// elapsedMs) or <c>failed</c> (stage, reason, problems) once; then <c>result</c>, <c>fault</c> (the validator threw:
/// exceptionType only) or <c>canceled</c> per call id; <c>log</c> (level, template, args) at any time.
/// Host to worker: <c>validate</c> (id, accountTypeId, values) and <c>cancel</c> (id). The host closes
/// the worker's input to end it.
/// </remarks>
internal sealed class WorkerChannel(Stream input, Stream output) : IDisposable
{
    // Large enough for any account; a line past it is a broken peer, not a message.
    private const int MaxLineChars = 4 * 1024 * 1024;

    private readonly StreamReader _reader = new(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>The next message; null when the other side closed the pipe.</summary>
    public async Task<JsonObject?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line.Length > MaxLineChars)
            {
                throw new InvalidDataException("A message from the other side is too long.");
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                return JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException("A message from the other side is not a JSON object.");
            }
        }
    }

    public async Task WriteAsync(JsonObject message, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            output.WriteByte((byte)'\n');
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writing.Dispose();
    }

    /// <summary>Writes synchronously: for loggers, which cannot await.</summary>
    public void Write(JsonObject message)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        _writing.Wait();
        try
        {
            output.Write(bytes);
            output.WriteByte((byte)'\n');
            output.Flush();
        }
        finally
        {
            _writing.Release();
        }
    }
}
