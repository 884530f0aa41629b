using System.Runtime.InteropServices;

namespace Flows.Host.Plugins.Confinement;

/// <summary>
/// The Linux calls confinement needs, straight from the C library: Landlock (by syscall number, since
/// the C library has no wrappers for it), prctl, open with O_PATH, and execve.
/// </summary>
internal static partial class LinuxInterop
{
    // Landlock's syscall numbers are the same on x86_64 and aarch64 (the generic table).
    public const long LandlockCreateRuleset = 444;
    public const long LandlockAddRule = 445;
    public const long LandlockRestrictSelf = 446;

    public const uint LandlockCreateRulesetVersion = 1;
    public const int LandlockRulePathBeneath = 1;

    public const int PrSetDumpable = 4;
    public const int PrSetNoNewPrivs = 38;

    // The same values on x86_64 and aarch64.
    public const int OPath = 0x200000;
    public const int OCloexec = 0x80000;

    /// <summary>struct landlock_ruleset_attr (all fields up to ABI 6; a kernel that knows fewer accepts zeros in the rest).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RulesetAttr
    {
        public ulong HandledAccessFs;
        public ulong HandledAccessNet;
        public ulong Scoped;
    }

    /// <summary>struct landlock_path_beneath_attr, which the kernel declares packed (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct PathBeneathAttr
    {
        public ulong AllowedAccess;
        public int ParentFd;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long CreateRuleset(long number, ref RulesetAttr attr, nuint size, uint flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long CreateRuleset(long number, nint attr, nuint size, uint flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long AddRule(long number, int rulesetFd, int ruleType, ref PathBeneathAttr attr, uint flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long RestrictSelf(long number, int rulesetFd, uint flags);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Execve(string path, nint[] argv, nint[] envp);
}
