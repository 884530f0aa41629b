namespace Flows.Host.Plugins.Confinement;

/// <summary>Landlock's filesystem access rights (the kernel's LANDLOCK_ACCESS_FS_* bits).</summary>
[Flags]
internal enum LandlockAccess : ulong
{
    None = 0,
    Execute = 1UL << 0,
    WriteFile = 1UL << 1,
    ReadFile = 1UL << 2,
    ReadDir = 1UL << 3,
    RemoveDir = 1UL << 4,
    RemoveFile = 1UL << 5,
    MakeChar = 1UL << 6,
    MakeDir = 1UL << 7,
    MakeReg = 1UL << 8,
    MakeSock = 1UL << 9,
    MakeFifo = 1UL << 10,
    MakeBlock = 1UL << 11,
    MakeSym = 1UL << 12,

    /// <summary>ABI 2: link or rename a file into another directory.</summary>
    Refer = 1UL << 13,

    /// <summary>ABI 3.</summary>
    Truncate = 1UL << 14,

    /// <summary>ABI 5: ioctl on a device file.</summary>
    IoctlDev = 1UL << 15,

    Read = ReadFile | ReadDir,
    ReadExecute = Read | Execute,

    /// <summary>The rights that apply to a file (not a directory); a rule on a file may hold only these.</summary>
    FileRights = Execute | WriteFile | ReadFile | Truncate | IoctlDev,
}

/// <summary>Landlock's scopes (ABI 6): what a confined process may not reach outside its own domain.</summary>
[Flags]
internal enum LandlockScope : ulong
{
    None = 0,
    AbstractUnixSocket = 1UL << 0,
    Signal = 1UL << 1,
}
