using Flows.Host.Plugins.Confinement;

namespace Flows.Host.Tests.Plugins;

/// <summary>The confinement status never claims more than Landlock gives: rules only add rights.</summary>
public sealed class ConfinementStatusTests
{
    [Fact]
    public void ADataDirectoryInsideAFolderEveryWorkerMayRead_IsReportedAsNotConfined_NamingFlowsHome()
    {
        var options = new FlowsHostOptions
        {
            HomeDirectory = Path.Combine(AppContext.BaseDirectory, "flows-data"),
            PluginWorker = FlowsWorker.Start,
            ConfinePlugins = true,
        };

        var status = new PluginConfinement(options).Status;

        status.Confined.ShouldBeFalse(status.Summary);
        if (Landlock.AbiVersion() >= 1)
        {
            status.Summary.ShouldBe(
                $"Plugins are not confined from the data directory: {options.HomeDirectory} lies inside {Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)}, which every plugin's worker may read, so their code can read the account key and the account database. Set FLOWS_HOME to a folder outside it.");
        }
    }

    [Fact]
    public void ADataDirectoryOutsideEveryReadableFolder_IsConfinedWhereTheKernelHasLandlock()
    {
        var options = new FlowsHostOptions
        {
            HomeDirectory = Path.Combine(Path.GetTempPath(), "flows-data-" + Guid.NewGuid().ToString("N")),
            PluginWorker = FlowsWorker.Start,
            ConfinePlugins = true,
        };

        var status = new PluginConfinement(options).Status;

        status.Confined.ShouldBe(OperatingSystem.IsLinux() && Landlock.AbiVersion() >= 1, status.Summary);
    }
}
