using System.Net.Sockets;
using System.Security.Authentication;
using Flows.Contracts;
using Npgsql;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>
/// What a failed connection means for the user, and which field to fix. Messages are keyed on
/// SQLSTATE codes and socket errors and built from fixed wording: Npgsql's and the server's texts are
/// never repeated (they can echo what was typed, and the server's language is not the user's).
/// </summary>
internal static class FailureMessages
{
    public static AccountValidationResult From(Exception exception, ConnectionSettings settings)
    {
        var where = $"{settings.Host}:{settings.Port}";
        if (Find<PostgresException>(exception) is { } postgres)
        {
            return FromServer(postgres, settings);
        }

        if (Find<AuthenticationException>(exception) is not null || settings.Tls.CertificateProblem is not null)
        {
            return settings.Tls.CertificateProblem is { } problem
                ? AccountValidationResult.Invalid(problem, new AccountFieldError(PostgreSqlFields.RootCertificate, problem), new AccountFieldError(PostgreSqlFields.SslMode, "Or choose a mode that checks less (Require encrypts without checking the certificate)."))
                : AccountValidationResult.Invalid(
                    $"A TLS connection to {where} could not be set up.",
                    new AccountFieldError(PostgreSqlFields.SslMode, "The server and Flows could not agree on TLS. Ask the database administrator which SSL mode to use."));
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionReset when settings.Credentials.ClientCertificate is not null => CertificateNotTrusted,
                SocketError.ConnectionRefused => AccountValidationResult.Invalid(
                    $"Nothing accepts connections at {where}.",
                    new AccountFieldError(PostgreSqlFields.Host, $"No PostgreSQL server is listening on '{settings.Host}' at port {settings.Port}. Check the host."),
                    new AccountFieldError(PostgreSqlFields.Port, "Check the port: PostgreSQL usually listens on 5432.")),
                SocketError.HostNotFound or SocketError.NoData => AccountValidationResult.Invalid(
                    $"There is no host named '{settings.Host}'.",
                    new AccountFieldError(PostgreSqlFields.Host, $"No such host: '{settings.Host}'. Check the host for typos.")),
                SocketError.TimedOut => TimedOut(settings),
                _ => AccountValidationResult.Unavailable(
                    $"{where} could not be reached from this computer (a network or firewall problem). This says nothing about the credentials; try again later."),
            };
        }

        if (Find<TimeoutException>(exception) is not null)
        {
            return TimedOut(settings);
        }

        // Npgsql's own refusals, recognised by its (English, never localised) wording.
        if (exception is NpgsqlException && exception.Message.Contains("authentication method is not allowed", StringComparison.Ordinal))
        {
            return settings.Credentials.Password is null
                ? AccountValidationResult.Invalid(
                    "The server asked for a password, but this account logs in with a certificate (no password is ever sent).",
                    new AccountFieldError(PostgreSqlFields.ClientCertificate, "The server does not accept certificate logins for this user; use a PostgreSQL account with a password, or ask the administrator to allow the cert method."))
                : AccountValidationResult.Invalid(
                    "The server asked for a login method Flows does not use (Kerberos, GSS or SSPI, or no password at all).",
                    new AccountFieldError(PostgreSqlFields.Username, "Ask the database administrator for a user that logs in with a password (scram-sha-256 or md5)."));
        }

        if (exception is NpgsqlException && exception.Message.Contains("No SSL enabled connection", StringComparison.Ordinal))
        {
            // Npgsql's own refusal after the server answered "no TLS here" to the TLS request.
            return AccountValidationResult.Invalid(
                $"The server at {where} does not offer encrypted (TLS) connections.",
                new AccountFieldError(PostgreSqlFields.SslMode, "This server has TLS turned off. Ask its administrator to turn it on, or choose Prefer or Disable if the network is trusted."));
        }

        if (settings.Credentials.ClientCertificate is not null && Find<IOException>(exception) is not null)
        {
            return CertificateNotTrusted;
        }

        return AccountValidationResult.Unavailable(
            $"The connection to {where} failed before PostgreSQL answered. Try again later; if it persists, check the host and port.");
    }

    // A server that verifies client certificates ends the TLS handshake (or the first read after
    // it, with TLS 1.3) when it does not trust the one sent.
    private static AccountValidationResult CertificateNotTrusted => AccountValidationResult.Invalid(
        "The server closed the connection during the TLS handshake: it does not trust this client certificate.",
        new AccountFieldError(PostgreSqlFields.ClientCertificate, "Use a certificate signed by an authority the server trusts (its ssl_ca_file)."));

    public static AccountValidationResult TimedOut(ConnectionSettings settings) =>
        AccountValidationResult.Unavailable(
            $"{settings.Host}:{settings.Port} did not answer within {settings.ConnectTimeout.TotalSeconds:0.#} s. This says nothing about the credentials; try again later, and check that the host and port are a PostgreSQL server.");

    private static AccountValidationResult FromServer(PostgresException exception, ConnectionSettings settings) => exception.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword => settings.Credentials.Password is null
            ? AccountValidationResult.Invalid(
                "The server asked for a password, but this account logs in with a certificate.",
                new AccountFieldError(PostgreSqlFields.ClientCertificate, "The server does not accept certificate logins for this user; use a PostgreSQL account with a password, or ask the administrator to allow the cert method."))
            : AccountValidationResult.Invalid(
                "PostgreSQL did not accept the username and password.",
                new AccountFieldError(PostgreSqlFields.Username, "Check the username: the server does not say whether this user exists."),
                new AccountFieldError(PostgreSqlFields.Password, "Check the password.")),
        PostgresErrorCodes.InvalidAuthorizationSpecification when IsNoEncryptionRule(exception, settings) => AccountValidationResult.Invalid(
            "The server accepts this login only over an encrypted (TLS) connection.",
            new AccountFieldError(PostgreSqlFields.SslMode, "Choose Require, Verify CA or Verify full.")),
        PostgresErrorCodes.InvalidAuthorizationSpecification => settings.Credentials.Password is null
            ? AccountValidationResult.Invalid(
                "PostgreSQL did not accept the client certificate for this user.",
                new AccountFieldError(PostgreSqlFields.ClientCertificate, "The certificate is not trusted by the server, or its common name (CN) is not the username."),
                new AccountFieldError(PostgreSqlFields.Username, "Check that this user may log in from here."))
            : AccountValidationResult.Invalid(
                "PostgreSQL does not let this user log in from here.",
                new AccountFieldError(PostgreSqlFields.Username, "This user may not log in (no LOGIN right, or the server's pg_hba.conf has no rule for this user, database and address).")),
        PostgresErrorCodes.InvalidCatalogName => AccountValidationResult.Invalid(
            $"There is no database named '{settings.Database}' on this server.",
            new AccountFieldError(PostgreSqlFields.Database, $"No database named '{settings.Database}'. Database names are case-sensitive.")),
        PostgresErrorCodes.InsufficientPrivilege => AccountValidationResult.Invalid(
            $"This user may not connect to the database '{settings.Database}'.",
            new AccountFieldError(PostgreSqlFields.Database, "The user has no CONNECT right on this database; ask the administrator to grant it.")),
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown =>
            AccountValidationResult.Unavailable(
                "The server is not accepting connections right now (starting up, shutting down, or too many connections). This says nothing about the credentials; try again later."),
        _ => AccountValidationResult.Invalid($"PostgreSQL refused the connection (SQLSTATE {Safe(exception.SqlState)})."),
    };

    // pg_hba.conf "hostnossl … reject" (or no rule for unencrypted connections); the server says
    // "no encryption" in its English message, and only an unencrypted attempt can hit such a rule.
    private static bool IsNoEncryptionRule(PostgresException exception, ConnectionSettings settings) =>
        settings.Tls.Mode is SslChoice.Disable or SslChoice.Prefer
        && exception.MessageText.Contains("no encryption", StringComparison.OrdinalIgnoreCase);

    /// <summary>A SQLSTATE is five letters or digits; anything else is shown as a placeholder.</summary>
    public static string Safe(string code) =>
        code.Length == 5 && code.All(char.IsAsciiLetterOrDigit) ? code : "?????";

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
