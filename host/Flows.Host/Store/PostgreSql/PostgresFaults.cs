using System.Net.Sockets;
using Flows.Host.Accounts;
using Npgsql;

namespace Flows.Host.Store.PostgreSql;

/// <summary>
/// Turns what Npgsql and PostgreSQL throw into <see cref="AccountStoreUnavailableException"/> sentences
/// about the store's database. The server's own message is never quoted (it may quote a value).
/// </summary>
internal static class PostgresFaults
{
    /// <summary>The fault this exception means; null when it is not a store fault (a bug, a refusal the store words itself).</summary>
    public static AccountStoreUnavailableException? Describe(Exception exception, string location) => exception switch
    {
        AccountStoreUnavailableException => null,
        PostgresException postgres => FromServer(postgres, location),
        NpgsqlException or SocketException or TimeoutException or IOException => Unreachable(location, exception),
        _ => null,
    };

    /// <summary>Whether the write met a concurrent writer and is to be run again (it changed nothing).</summary>
    public static bool IsConflict(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation;

    private static AccountStoreUnavailableException? FromServer(PostgresException exception, string location) => exception.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new(
            AccountStoreFault.CannotOpen,
            $"The account store ({location}) refused the user and password in its address. Check the store setting (FLOWS_STORE) and the server's pg_hba.conf.",
            exception),
        PostgresErrorCodes.InvalidCatalogName => new(
            AccountStoreFault.CannotOpen,
            $"The account store's database does not exist ({location}). Create it (createdb), or correct the store setting (FLOWS_STORE).",
            exception),
        PostgresErrorCodes.InsufficientPrivilege => new(
            AccountStoreFault.ReadOnly,
            $"The account store's user may not read or change its tables ({location}). Grant it the database's ownership or the rights on its tables.",
            exception),
        PostgresErrorCodes.ReadOnlySqlTransaction => new(
            AccountStoreFault.ReadOnly,
            $"The account store ({location}) answers read-only (a standby server?). Point the store setting (FLOWS_STORE) at the primary.",
            exception),
        PostgresErrorCodes.DiskFull => new(
            AccountStoreFault.DiskFull,
            $"The account store's server has no space left ({location}): nothing was saved. Free some space on the server and try again.",
            exception),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable => new(
            AccountStoreFault.Busy,
            $"The account store ({location}) is busy with other writes to the same accounts; nothing was saved. Try again.",
            exception),
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled => Unreachable(location, exception),
        _ when exception.SqlState.StartsWith("08", StringComparison.Ordinal) => Unreachable(location, exception),
        _ => null,
    };

    private static AccountStoreUnavailableException Unreachable(string location, Exception exception) =>
        new(
            AccountStoreFault.Unreachable,
            $"The account store is unavailable ({location} does not answer): try later.",
            exception);
}
