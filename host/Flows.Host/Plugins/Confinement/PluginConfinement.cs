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
        return abi < 1
            ? new ConfinementStatus(false, $"Plugins are not confined on this machine: the kernel has no Landlock (Linux 5.13 or later, with landlock in its lsm= list), and {Unconfined}.")
            : new ConfinementStatus(true, $"Plugins are confined (Landlock ABI {abi}): each plugin's worker reads only its own folder, the .NET runtime and system libraries, and writes only a scratch folder of its own.");
    }
}
