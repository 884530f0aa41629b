namespace Flows.Host.Plugins.Confinement;

/// <summary>
/// Whether other processes of the same user may read this process's /proc files (environ, mem) or
/// attach a debugger to it. flows turns it off, since its environment can hold the account key and
/// the access credential; it also means no core dumps, which would hold them too.
/// </summary>
public static class ProcessDumpability
{
    /// <summary>Makes this process non-dumpable (Linux; elsewhere nothing happens). True when it is now.</summary>
    public static bool MakeNonDumpable() =>
        !OperatingSystem.IsLinux() || LinuxInterop.Prctl(LinuxInterop.PrSetDumpable, 0, 0, 0, 0) == 0;
}
