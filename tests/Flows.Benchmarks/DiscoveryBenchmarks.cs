using BenchmarkDotNet.Attributes;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Discovery;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Benchmarks;

/// <summary>
/// In-process discovery (what `flows plugins list` does besides process start-up and printing):
/// the issue wants 200 plugins to cost at most 1.5x one plugin, which only holds if discovery reads
/// manifests and nothing else. bench/plugins-list.sh times the real command end to end.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class DiscoveryBenchmarks
{
    private string _home = string.Empty;
    private ServiceProvider? _services;
    private PluginDiscovery? _discovery;

    [Params(1, 200)]
    public int Plugins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _home = BenchPlugins.MakeHome(Plugins);
        _services = BenchPlugins.Services(_home);
        _discovery = _services.GetRequiredService<PluginDiscovery>();

        // A benchmark of the wrong scenario is worse than none: every copy must be found and usable.
        var found = _discovery.Discover();
        if (found.Count != Plugins || found.Any(p => p.Status != PluginStatus.Active))
        {
            throw new InvalidOperationException($"Expected {Plugins} active plugins, found: {string.Join(", ", found.Select(p => $"{p.Id}={p.Status} {p.Reason}"))}");
        }
    }

    [Benchmark]
    public IReadOnlyList<PluginInfo> Discover() => _discovery!.Discover();

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
