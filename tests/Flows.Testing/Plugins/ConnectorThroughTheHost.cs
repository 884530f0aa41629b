using System.Collections;

namespace Flows.Testing;

/// <summary>
/// Tests of a connector's real build, activated by the host from the test project's fixtures/ folder
/// (where the build bundles it), with a data directory of their own and the operator's variables as
/// given — read as flows reads its environment, never this process's: test classes run side by side.
/// </summary>
public abstract class ConnectorThroughTheHost : IDisposable
{
    /// <summary>The data directory (FLOWS_HOME), created on first use, deleted after the test.</summary>
    protected string Home { get; } = Path.Combine(Path.GetTempPath(), "flows-connector-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A host over <see cref="Home"/> whose operator set <paramref name="variable"/> to <paramref name="value"/> (or nothing).</summary>
    protected ServiceProvider CreateHost(string variable, string? value) =>
        new ServiceCollection()
            .AddFlowsPlugins(FlowsConfiguration.FromEnvironment(new Hashtable { [variable] = value }), o =>
            {
                o.HomeDirectory = Home;
                o.BundledPluginsDirectory = Path.Combine(AppContext.BaseDirectory, "fixtures");
            })
            .AddFlowsAccounts()
            .BuildServiceProvider();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
