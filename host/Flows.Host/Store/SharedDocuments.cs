using Flows.Host.Store.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Flows.Host.Store;

/// <summary>
/// Small documents the nodes of one PostgreSQL store share — data protection keys, plugin state, each
/// node's plugins — and a notice to every node when one changes (LISTEN/NOTIFY on <c>flows_changes</c>),
/// so a change made on one node shows on the others' next page without a restart.
/// </summary>
public sealed partial class SharedDocuments : IDisposable
{
    private const string Channel = "flows_changes";

    private readonly NpgsqlDataSource _source;
    private readonly ILogger<SharedDocuments> _logger;
    private readonly Lock _gate = new();
    private Task? _schema;

    internal SharedDocuments(string address, ILogger<SharedDocuments> logger)
    {
        var builder = PostgresConnectionStrings.Parse(address);
        Location = PostgresConnectionStrings.Describe(builder);
        _source = NpgsqlDataSource.Create(builder);
        _logger = logger;
    }

    /// <summary>Where the documents are (never a password).</summary>
    public string Location { get; }

    /// <summary>Raised on a node's listening thread for every change any node made: (kind, name).</summary>
    public event EventHandler<SharedDocumentChange>? Changed;

    /// <summary>Every document of <paramref name="kind"/>, by name.</summary>
    public IReadOnlyList<SharedDocument> ReadAll(string kind)
    {
        using var connection = Open();
        using var select = new NpgsqlCommand("SELECT name, body, updated_at, now() - updated_at FROM shared_documents WHERE kind = @kind ORDER BY name", connection);
        select.Parameters.AddWithValue("kind", kind);
        using var reader = select.ExecuteReader();
        var documents = new List<SharedDocument>();
        while (reader.Read())
        {
            documents.Add(new SharedDocument(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)) { Age = reader.GetFieldValue<TimeSpan>(3) });
        }

        return documents;
    }

    /// <summary>Stores (or replaces) a document and tells every node.</summary>
    public void Put(string kind, string name, string body) => Change(
        kind,
        name,
        """
        INSERT INTO shared_documents (kind, name, body) VALUES (@kind, @name, @body)
        ON CONFLICT (kind, name) DO UPDATE SET body = excluded.body, updated_at = now()
        """,
        body);

    /// <summary>Removes a document (if there is one) and tells every node.</summary>
    public void Remove(string kind, string name) => Change(kind, name, "DELETE FROM shared_documents WHERE kind = @kind AND name = @name", null);

    /// <summary>
    /// Listens for changes until <paramref name="cancellationToken"/> fires, raising <see cref="Changed"/>;
    /// reconnects by itself when the server goes away, and then raises a change of every kind (a notice
    /// may have been missed meanwhile).
    /// </summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        var reconnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, notice) => Raise(notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (reconnected)
                {
                    LogListening(_logger, Location);
                    Changed?.Invoke(this, new SharedDocumentChange("*", "*"));
                }

                while (true)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                if (!reconnected)
                {
                    LogListenLost(_logger, Location);
                }

                reconnected = true;
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _source.Dispose();

    private void Change(string kind, string name, string sql, string? body)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using (var change = new NpgsqlCommand(sql, connection, transaction))
        {
            change.Parameters.AddWithValue("kind", kind);
            change.Parameters.AddWithValue("name", name);
            if (body is not null)
            {
                change.Parameters.AddWithValue("body", body);
            }

            change.ExecuteNonQuery();
        }

        // Delivered when the transaction commits, to every listening node (this one too).
        using (var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction))
        {
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", kind + " " + name);
            notify.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void Raise(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        Changed?.Invoke(this, space < 0 ? new SharedDocumentChange(payload, "") : new SharedDocumentChange(payload[..space], payload[(space + 1)..]));
    }

    /// <summary>A connection to the shared database, its schema brought up to date first (for what nodes share beside documents).</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await Schema().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops pooled connections (after a fault, they may be to a server that is gone).</summary>
    internal void ForgetConnections() => _source.Clear();

    private NpgsqlConnection Open()
    {
        Schema().GetAwaiter().GetResult();
        return _source.OpenConnection();
    }

    // The schema (shared_documents included) is brought up to date once, as the account store does.
    private Task Schema()
    {
        lock (_gate)
        {
            if (_schema is null || _schema.IsFaulted)
            {
                _schema = MigrateAsync();
            }

            return _schema;
        }
    }

    private async Task MigrateAsync()
    {
        await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
        await PostgresSchema.MigrateAsync(connection, Location, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the change notices of {Location}; reconnecting")]
    private static partial void LogListenLost(ILogger logger, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for changes on {Location} again")]
    private static partial void LogListening(ILogger logger, string location);
}

/// <summary>One shared document.</summary>
public sealed record SharedDocument(string Name, string Body, DateTimeOffset UpdatedAt)
{
    /// <summary>How long ago it was written, by the database's clock (the reader's may differ).</summary>
    public TimeSpan Age { get; init; }
}

/// <summary>A change a node announced: the document's kind and name (<c>*</c> when notices may have been missed).</summary>
public sealed record SharedDocumentChange(string Kind, string Name);
