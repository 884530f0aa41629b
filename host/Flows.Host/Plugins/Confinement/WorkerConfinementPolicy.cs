using System.Runtime.InteropServices;

namespace Flows.Host.Plugins.Confinement;

/// <summary>
/// What a plugin worker may touch on disk once confined: read its plugin's folder, the .NET runtime,
/// flows itself and the system libraries and settings TLS and name resolution need; write only its
/// own scratch folder. Everything else — the data directory with the account key and the database,
/// the user's home, other processes' /proc files — is out of reach. The network is not restricted.
/// </summary>
internal static class WorkerConfinementPolicy
{
    private const LandlockAccess Everything = (LandlockAccess)ulong.MaxValue;

    public static IReadOnlyList<LandlockRule> Rules(string pluginDirectory, string scratchDirectory, string manifestCache)
    {
        var rules = new List<LandlockRule>
        {
            new(pluginDirectory, LandlockAccess.ReadExecute, "the plugin's own files: its assemblies, manifest and schemas"),
            new(scratchDirectory, Everything, "the worker's own scratch folder (its TMPDIR), made by the host for this worker alone"),
            new(manifestCache, LandlockAccess.ReadFile, "the hashes of manifests the host has already checked, so the worker does not check its manifest against the schema again"),
            new(AppContext.BaseDirectory, LandlockAccess.ReadExecute, "flows itself, which the worker runs"),
        };
        rules.AddRange(RuntimeDirectories().Select(d => new LandlockRule(d, LandlockAccess.ReadExecute, "the .NET runtime: the host that starts the worker, the shared frameworks it loads")));
        rules.AddRange(
        [
            new("/etc/dotnet", LandlockAccess.Read, "where the flows executable finds the .NET runtime"),
            new("/usr", LandlockAccess.ReadExecute, "system libraries (C library, OpenSSL for TLS, name-service modules), CA certificates, time zones"),
            new("/lib", LandlockAccess.ReadExecute, "system libraries (a link into /usr on most systems)"),
            new("/lib64", LandlockAccess.ReadExecute, "the dynamic loader (a link into /usr on most systems)"),
            new("/etc/ld.so.cache", LandlockAccess.ReadFile, "the dynamic loader's index of system libraries"),
            new("/etc/ssl", LandlockAccess.Read, "trusted certificates and OpenSSL's settings, for TLS"),
            new("/etc/resolv.conf", LandlockAccess.ReadFile, "name resolution: the DNS servers"),
            new("/etc/hosts", LandlockAccess.ReadFile, "name resolution: local names such as localhost"),
            new("/etc/nsswitch.conf", LandlockAccess.ReadFile, "name resolution: which sources to ask"),
            new("/etc/host.conf", LandlockAccess.ReadFile, "name resolution: resolver options"),
            new("/etc/gai.conf", LandlockAccess.ReadFile, "name resolution: address preference (IPv4 or IPv6 first)"),
            new("/etc/localtime", LandlockAccess.ReadFile, "the local time zone"),
            new($"/proc/{Environment.ProcessId}", LandlockAccess.Read | LandlockAccess.WriteFile, "the worker's own process files (/proc/self): the runtime reads its memory maps and limits, and names its threads"),
            new("/proc/meminfo", LandlockAccess.ReadFile, "the machine's free memory, which the garbage collector plans by"),
            new("/proc/sys/vm/overcommit_memory", LandlockAccess.ReadFile, "the kernel's memory overcommit setting, which the runtime reads as it starts"),
            new("/sys/fs/cgroup", LandlockAccess.Read, "the runtime's memory and CPU limits (cgroups)"),
            new("/sys/devices/system/cpu", LandlockAccess.Read, "the CPUs the runtime may use"),
            new("/sys/devices/system/node", LandlockAccess.Read, "the memory nodes (NUMA) the runtime may use"),
            new("/dev/null", LandlockAccess.ReadFile | LandlockAccess.WriteFile | LandlockAccess.Truncate, "the empty device, which libraries open to discard output"),
            new("/dev/urandom", LandlockAccess.ReadFile, "random numbers (libraries that do not use getrandom)"),
            new("/dev/random", LandlockAccess.ReadFile, "random numbers (libraries that do not use getrandom)"),
        ]);
        return rules;
    }

    // The runtime's own folder, the whole .NET installation above it (the muxer and hostfxr that
    // start the confined worker choose among its shared frameworks) and every folder of a trusted
    // platform assembly (e.g. the ASP.NET Core shared framework).
    private static IEnumerable<string> RuntimeDirectories()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        yield return runtime;
        var framework = Directory.GetParent(Path.TrimEndingDirectorySeparator(runtime));
        if (framework?.Parent is { Name: "shared", Parent: { } installation })
        {
            yield return installation.FullName;
        }

        if (Environment.ProcessPath is { } process && Path.GetDirectoryName(process) is { } processDirectory)
        {
            yield return processDirectory;
        }

        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var directory in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
        {
            if (directory is not null)
            {
                yield return directory;
            }
        }
    }
}
