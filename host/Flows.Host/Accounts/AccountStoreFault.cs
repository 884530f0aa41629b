namespace Flows.Host.Accounts;

/// <summary>What keeps the account store from working; something the user can fix, not a bug.</summary>
public enum AccountStoreFault
{
    /// <summary>The database file is corrupt or is not a database: restore a backup.</summary>
    Damaged,

    /// <summary>The disk holding the store is full.</summary>
    DiskFull,

    /// <summary>The data directory is read-only, or this user may not write it.</summary>
    ReadOnly,

    /// <summary>The file or its folder cannot be opened (missing permissions, not a folder).</summary>
    CannotOpen,

    /// <summary>The disk reported an input/output error.</summary>
    DiskError,

    /// <summary>Another process kept the store locked past the busy timeout.</summary>
    Busy,

    /// <summary>The secret key (key file or environment variable) is unusable.</summary>
    KeyUnusable,

    /// <summary>The database was written by a newer Flows.</summary>
    NewerSchema,

    /// <summary>The database server does not answer (stopped, restarting, or the network is down): try later.</summary>
    Unreachable,
}

/// <summary>
/// The account store cannot be used now: its message says which file, what is wrong and what to do.
/// While it stands, the store refuses writes too.
/// </summary>
public class AccountStoreUnavailableException(AccountStoreFault fault, string message, Exception? inner = null)
    : AccountStoreException(message, inner)
{
    public AccountStoreFault Fault { get; } = fault;
}

