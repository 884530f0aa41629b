using System.Reflection;
using System.Text.Json.Nodes;
using Flows.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Benchmarks;

/// <summary>Temp plugin folders made from the real Salesforce plugin build.</summary>
internal static class BenchPlugins
{
    /// <summary>The Salesforce plugin folder bundled next to this project's build output.</summary>
    public static string SalesforceBuild()
    {
        var bundle = typeof(BenchPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FlowsBundledPlugins").Value!;
        var folder = Path.Combine(bundle, "salesforce");
        return File.Exists(Path.Combine(folder, "plugin.json"))
            ? folder
            : throw new InvalidOperationException($"No Salesforce plugin build at {folder}; build tests/Flows.Benchmarks in Release first.");
    }

    /// <summary>A fresh FLOWS_HOME whose plugins/ holds <paramref name="count"/> distinct copies.</summary>
    public static string MakeHome(int count)
    {
        var home = Directory.CreateTempSubdirectory("flows-bench-").FullName;
        var source = SalesforceBuild();
        for (var i = 1; i <= count; i++)
        {
            var target = Path.Combine(home, "plugins", $"p{i:0000}");
            CopyTree(source, target);
            Rewrite(Path.Combine(target, "plugin.json"), $"bench.p{i:0000}", $"bench-p{i:0000}");
        }

        return home;
    }

    /// <summary>Services on <paramref name="home"/>, without the bundled root, so only the temp plugins count.</summary>
    /// <param name="isolated">Run plugins in worker processes (<c>flows __plugin-worker</c>), as <c>flows serve</c> does.</param>
    /// <param name="configure">Further settings, such as an allow-list.</param>
    public static ServiceProvider Services(string home, bool isolated = false, Action<FlowsHostOptions>? configure = null) =>
        new ServiceCollection()
            .AddFlowsPlugins(o =>
            {
                o.HomeDirectory = home;
                o.BundledPluginsDirectory = null;
                o.PluginWorker = isolated ? new Flows.Host.Plugins.Isolation.PluginWorkerStart("dotnet", [FlowsCli()]) : null;
                configure?.Invoke(o);
            })
            .BuildServiceProvider();

    private static string FlowsCli()
    {
        var path = typeof(BenchPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FlowsCli").Value!;
        return File.Exists(path) ? path : throw new InvalidOperationException($"No flows build at {path}; run `dotnet build host/Flows.Cli -c Release` first.");
    }

    // Unique plugin and account-type ids: identical copies would be Superseded or conflicting,
    // which skips work and is not the "200 installed plugins" scenario.
    private static void Rewrite(string manifestPath, string pluginId, string accountPrefix)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["id"] = pluginId;
        foreach (var account in manifest["contributes"]!["accounts"]!.AsArray())
        {
            var id = account!["id"]!.GetValue<string>();
            account["id"] = $"{accountPrefix}.{id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..]}";
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    public static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
