using Microsoft.Extensions.Logging;
namespace Flows.Testing;

/// <summary>
/// A throwaway host installation: a data directory (FLOWS_HOME) and a bundled plugins directory,
/// filled with copies of real fixture builds. Each test gets its own, so nothing leaks between tests.
/// </summary>
public sealed class PluginSandbox : IDisposable
{
    public PluginSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "flows-tests", Guid.NewGuid().ToString("N"));
        Home = Path.Combine(Root, "home");
        Bundled = Path.Combine(Root, "bundled");
        Directory.CreateDirectory(UserPlugins);
        Directory.CreateDirectory(Bundled);
    }

    public string Root { get; }

    public string Home { get; }

    public string Bundled { get; }

    public string UserPlugins => Path.Combine(Home, "plugins");

    /// <summary>Copies a fixture into the user's plugins directory (or the bundled one) and returns the copy's path.</summary>
    public string Add(string fixture, string? asFolder = null, bool bundled = false)
    {
        var target = Path.Combine(bundled ? Bundled : UserPlugins, asFolder ?? Path.GetFileName(fixture));
        FixtureFolders.Copy(FixtureFolders.PathOf(fixture), target);
        return target;
    }

    /// <summary>Edits the plugin.json of a copied plugin.</summary>
    public static void EditManifest(string pluginDirectory, Action<JsonObject> edit)
    {
        var path = Path.Combine(pluginDirectory, "plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    /// <summary>A fresh composition root over this sandbox, as one run of the host would build it.</summary>
    /// <param name="worker">Set: plugins run in worker processes started so, as in <c>flows serve</c>.</param>
    /// <param name="log">Set: every log entry, at every level, also goes there.</param>
    public ServiceProvider CreateHost(TimeSpan? activationTimeout = null, TimeSpan? validationTimeout = null, Flows.Host.Plugins.Isolation.PluginWorkerStart? worker = null, CapturedLog? log = null) =>
        new ServiceCollection()
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = Home;
                o.BundledPluginsDirectory = Bundled;
                o.ActivationTimeout = activationTimeout ?? TimeSpan.FromSeconds(20);
                o.ValidationTimeout = validationTimeout ?? o.ValidationTimeout;
                o.PluginWorker = worker;
            })
            .AddFlowsAccounts()
            .AddLogging(logging =>
            {
                if (log is not null)
                {
                    logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace);
                }
            })
            .BuildServiceProvider();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A plugin still loaded from here keeps nothing locked on Linux; elsewhere, leave the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
