using System.Net.Sockets;
using Flows.Contracts;
using Flows.Plugins.PostgreSql.Endpoints;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>
/// Connects to the checked addresses in turn (the next one only when nothing answered at the last)
/// and asks the server who we are: <c>select version(), current_user, current_database()</c>.
/// </summary>
internal sealed class ConnectionProbe(IPluginLogger log)
{
    private const string IdentityQuery =
        "select version(), current_user, current_database(), coalesce((select ssl from pg_stat_ssl where pid = pg_backend_pid()), false)";

    public async Task<AccountValidationResult> RunAsync(ConnectionSettings settings, HostDecision host, CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var address in host.Addresses)
        {
            log.Information("Connecting to {Host} ({Address}) port {Port}, database {Database}, as {Username}, SSL mode {SslMode}",
                settings.Host, address, settings.Port, settings.Database, settings.Username, settings.Tls.Mode);

            // Npgsql's Timeout bounds the connection; this bounds the whole attempt, query included.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.ConnectTimeout * 2);
            try
            {
                await using var dataSource = settings.Open(address);
                // Npgsql does not stop every stage of opening on cancellation; stop waiting for it instead.
                await using var connection = await OpenAsync(dataSource, deadline.Token).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.CommandText = IdentityQuery;
                await using var reader = await command.ExecuteReaderAsync(deadline.Token).ConfigureAwait(false);
                await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                var identity = new ServerIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
                log.Information("Connected to {Host} as {User} on {Database}, TLS {Encrypted}", settings.Host, identity.User, identity.Database, identity.Encrypted);
                return identity.ToResult(settings);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                log.Warning("{Host} ({Address}) port {Port} did not answer in time", settings.Host, address, settings.Port);
                return FailureMessages.TimedOut(settings);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Only codes and types are logged: exception texts can carry what the server echoed.
                log.Warning("Connecting to {Host} ({Address}) port {Port} failed: {ExceptionType} {SqlState} {SocketError}",
                    settings.Host, address, settings.Port, exception.GetType().Name, SqlState(exception), SocketError(exception));
                last = exception;
                if (!NothingAnswered(exception))
                {
                    break;
                }
            }
        }

        return FailureMessages.From(last ?? new TimeoutException(), settings);
    }

    private static async Task<Npgsql.NpgsqlConnection> OpenAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var opening = dataSource.OpenConnectionAsync(cancellationToken).AsTask();
        try
        {
            return await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned: close it should it still open.
            _ = opening.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }
    }

    private static bool NothingAnswered(Exception exception) =>
        exception.InnerException is SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.AddressNotAvailable };

    private static string SqlState(Exception exception) =>
        exception is Npgsql.PostgresException postgres ? FailureMessages.Safe(postgres.SqlState) : "-";

    private static string SocketError(Exception exception) =>
        exception.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : "-";
}

/// <summary>What the server said about the connection, and how it reads as a summary.</summary>
internal sealed record ServerIdentity(string Version, string User, string Database, bool Encrypted)
{
    public AccountValidationResult ToResult(ConnectionSettings settings)
    {
        // "PostgreSQL 15.13 (Debian 15.13-0+deb12u1) on x86_64-pc-linux-gnu, compiled by …": the part before " on ".
        var cut = Version.IndexOf(" on ", StringComparison.Ordinal);
        var version = cut > 0 ? Version[..cut] : Version;
        var summary = $"{User} on database {Database} at {settings.Host}:{settings.Port}, {version}, {(Encrypted ? "encrypted (TLS)" : "not encrypted")}";
        return Encrypted || settings.Tls.Mode == SslChoice.Disable
            ? AccountValidationResult.Valid(summary)
            : AccountValidationResult.Valid(summary, "The server does not offer TLS, so this connection is not encrypted. Choose Require or a Verify SSL mode once the server offers it.");
    }
}
