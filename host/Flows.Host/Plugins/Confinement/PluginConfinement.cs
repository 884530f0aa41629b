using Flows.Host.Hosting;
using Flows.Host.Plugins.Isolation;

namespace Flows.Host.Plugins.Confinement;

/// <summary>Whether plugins are confined on this machine with these settings, for listings and the plugins page.</summary>
public sealed class PluginConfinement(FlowsHostOptions options)
{
    private const string Unconfined = "their code can read everything this user can, including the account key and the account database";

    private readonly Lazy<ConfinementStatus> _status = new(() => Examine(options));

    public ConfinementStatus Status => _status.Value;

    private static ConfinementStatus Examine(FlowsHostOptions options)
    {
        if (options.PluginWorker is null)
        {
            return new ConfinementStatus(false, $"Plugins are not confined: they run inside the flows process ({PluginWorkerStart.InProcessVariable}=1), and {Unconfined}.");
        }

        if (!options.ConfinePlugins)
        {
            return new ConfinementStatus(false, $"Plugins are not confined: confinement is turned off ({FlowsHostOptions.UnconfinedVariable}=1), and {Unconfined}.");
        }

        if (!OperatingSystem.IsLinux())
        {
            return new ConfinementStatus(false, $"Plugins are not confined on this machine: confinement needs Linux (Landlock), and {Unconfined}.");
        }

        var abi = Landlock.AbiVersion();
        if (abi < 1)
        {
            return new ConfinementStatus(false, $"Plugins are not confined on this machine: the kernel has no Landlock (Linux 5.13 or later, with landlock in its lsm= list), and {Unconfined}.");
        }

        // Landlock only adds rights: a data directory beneath a folder every worker may read (flows'
        // own folder, /usr, …) would be readable too, so say so instead of claiming confinement.
        if (ReadableFolderHolding(options.HomeDirectory) is { } readable)
        {
            return new ConfinementStatus(false, $"Plugins are not confined from the data directory: {options.HomeDirectory} lies inside {readable}, which every plugin's worker may read, so their code can read the account key and the account database. Set {FlowsHostOptions.HomeVariable} to a folder outside it.");
        }

        return new ConfinementStatus(true, $"Plugins are confined (Landlock ABI {abi}): each plugin's worker reads only its own folder, the .NET runtime and system libraries, and writes only a scratch folder of its own.");
    }

    private static string? ReadableFolderHolding(string homeDirectory)
    {
        var home = Path.TrimEndingDirectorySeparator(Path.GetFullPath(homeDirectory)) + Path.DirectorySeparatorChar;
        // Only the folders every worker shares: a worker's own plugin and scratch folders, and the manifest record, are its own.
        string[] own = ["/flows-worker-own/plugin", "/flows-worker-own/scratch", "/flows-worker-own/cache"];
        return WorkerConfinementPolicy.Rules(own[0], own[1], own[2])
            .Where(rule => !own.Contains(rule.Path, StringComparer.Ordinal))
            .Select(rule => Path.TrimEndingDirectorySeparator(Path.GetFullPath(rule.Path)))
            .FirstOrDefault(folder => home.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }
}
