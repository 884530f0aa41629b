using System.Globalization;
using Flows.Host.Accounts;
using Microsoft.Data.Sqlite;

namespace Flows.Host.Store.Sqlite;

/// <summary>
/// Turns what SQLite and the file system throw into <see cref="AccountStoreUnavailableException"/>
/// sentences. SQLite's own message is never quoted (a constraint error may quote a value); each
/// fault is told in words of its own.
/// </summary>
internal static class SqliteFaults
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADatabase = 26, SqlitePermission = 3, SqliteAuthorization = 23;

    // errno values .NET reports as IOException.HResult on Linux and macOS.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30, DiskQuota = 122, MacDiskQuota = 69;

    /// <summary>The fault this exception means for the store at <paramref name="databasePath"/>; null when it is not a store fault.</summary>
    public static AccountStoreUnavailableException? Describe(Exception exception, string databasePath, TimeSpan busyTimeout)
    {
        return exception switch
        {
            AccountStoreUnavailableException => null,
            SqliteException sqlite => FromSqlite(sqlite, databasePath, busyTimeout),
            UnauthorizedAccessException => ReadOnly(databasePath, exception),
            IOException io when io.HResult is NoSpace or DiskQuota or MacDiskQuota => DiskFull(databasePath, exception),
            IOException io when io.HResult == ReadOnlyFileSystem => ReadOnly(databasePath, exception),
            IOException io when io is not (FileNotFoundException or DirectoryNotFoundException) =>
                new AccountStoreUnavailableException(
                    AccountStoreFault.DiskError,
                    $"The account store {databasePath} could not be read or written ({io.GetType().Name}). Check the disk and the folder {Folder(databasePath)}, then try again.",
                    exception),
            _ => null,
        };
    }

    public static AccountStoreUnavailableException Damaged(string databasePath, string what, Exception? inner = null) =>
        new(
            AccountStoreFault.Damaged,
            $"The account store {databasePath} is damaged ({what}). Restore it from a backup: flows accounts restore <backup file> " +
            "(the damaged file is kept beside it). Until then nothing can be read or saved.",
            inner);

    private static AccountStoreUnavailableException FromSqlite(SqliteException exception, string databasePath, TimeSpan busyTimeout)
    {
        switch (exception.SqliteErrorCode)
        {
            case SqliteCorrupt:
                return Damaged(databasePath, "database disk image is malformed", exception);
            case SqliteNotADatabase:
                return Damaged(databasePath, "the file is not a database", exception);
            case SqliteFull:
                return DiskFull(databasePath, exception);
            case SqliteReadOnly or SqlitePermission or SqliteAuthorization:
                return ReadOnly(databasePath, exception);
            case SqliteCantOpen:
                return HasNoFreeSpace(databasePath) ? DiskFull(databasePath, exception)
                    : Writable(Folder(databasePath)) ? CannotOpen(databasePath, exception)
                    : ReadOnly(databasePath, exception);
            case SqliteIoError:
                return HasNoFreeSpace(databasePath)
                    ? DiskFull(databasePath, exception)
                    : new AccountStoreUnavailableException(
                        AccountStoreFault.DiskError,
                        $"The disk reported an input/output error on the account store {databasePath}. Check the disk (free space, errors in the system log); " +
                        "if the file turns out damaged, restore it from a backup: flows accounts restore <backup file>.",
                        exception);
            case SqliteBusy or SqliteLocked:
                return new AccountStoreUnavailableException(
                    AccountStoreFault.Busy,
                    string.Create(CultureInfo.InvariantCulture, $"The account store {databasePath} stayed locked by another process for more than {busyTimeout.TotalSeconds:0.#} s. ") +
                    "Try again; if it keeps happening, find the process holding it (e.g. fuser).",
                    exception);
            default:
                return new AccountStoreUnavailableException(
                    AccountStoreFault.DiskError,
                    string.Create(CultureInfo.InvariantCulture, $"The account store {databasePath} could not be used (SQLite error {exception.SqliteErrorCode}). ") +
                    "Check the file and its folder; if it turns out damaged, restore it from a backup: flows accounts restore <backup file>.",
                    exception);
        }
    }

    private static AccountStoreUnavailableException DiskFull(string databasePath, Exception inner) =>
        new(
            AccountStoreFault.DiskFull,
            $"No space left on the disk holding {Folder(databasePath)}: the account store {databasePath} cannot be written. Free some space and try again (nothing was saved).",
            inner);

    private static AccountStoreUnavailableException ReadOnly(string databasePath, Exception inner) =>
        new(
            AccountStoreFault.ReadOnly,
            $"The account store {databasePath} cannot be written: its folder {Folder(databasePath)} is read-only or not writable by this user. " +
            $"Make it writable, or set {Hosting.FlowsHostOptions.HomeVariable} to a folder this user can write.",
            inner);

    private static AccountStoreUnavailableException CannotOpen(string databasePath, Exception inner) =>
        new(
            AccountStoreFault.CannotOpen,
            $"The account store {databasePath} cannot be opened: check that it is a file this user owns and can read and write (mode 0600), " +
            $"in a folder this user can enter, or set {Hosting.FlowsHostOptions.HomeVariable} to another folder.",
            inner);

    private static string Folder(string databasePath) => Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? databasePath;

    // Asked only once something failed: whether the folder takes a new file (the only test that holds
    // for root too, whom mode bits do not stop, on a read-only mount).
    private static bool Writable(string folder)
    {
        var probe = Path.Combine(folder, $".flows-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, Hosting.PrivateFiles.CreateNew()))
            {
            }

            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool HasNoFreeSpace(string databasePath)
    {
        try
        {
            return new DriveInfo(Folder(databasePath)).AvailableFreeSpace < 64 * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
