using BenchmarkDotNet.Attributes;
using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Discovery;
using Flows.Host.Plugins.State;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Benchmarks;

/// <summary>
/// One activation (load + compose + cross-check) of the real Salesforce plugin in a warm process;
/// the target is under 50 ms. Every call gets a fresh load context, so each op is a
/// first activation of that plugin, with only the host's own code already jitted. (The very first
/// activation in a process also jits the loader and MEF: ~90 ms, not what the target is about.)
/// </summary>
// A fixed, modest invocation count: load contexts of a non-collectible loader are not freed on
// Dispose, and thousands of them would measure GC pressure rather than activation.
[SimpleJob(warmupCount: 3, iterationCount: 10, invocationCount: 16)]
[MemoryDiagnoser]
public class ActivationBenchmarks
{
    private string _home = string.Empty;
    private ServiceProvider? _services;
    private IPluginActivator? _activator;
    private PluginInfo? _plugin;

    [GlobalSetup]
    public void Setup()
    {
        // The manifest keeps its real ids: the cross-check compares them with the plugin's exports.
        _home = Directory.CreateTempSubdirectory("flows-bench-").FullName;
        _services = BenchPlugins.Services(_home);
        _activator = _services.GetRequiredService<IPluginActivator>();
        var state = _services.GetRequiredService<PluginStateStore>().Read();
        _plugin = _services.GetRequiredService<PluginDiscovery>().Examine(BenchPlugins.SalesforceBuild(), PluginSource.Bundled, state);
        if (_plugin.Status != PluginStatus.Active)
        {
            throw new InvalidOperationException($"The Salesforce plugin is {_plugin.Status}: {_plugin.Reason}");
        }
    }

    [Benchmark]
    public async Task<int> Activate()
    {
        var result = await _activator!.ActivateAsync(_plugin!, CancellationToken.None).ConfigureAwait(false);
        using var plugin = result.Plugin ?? throw new InvalidOperationException($"Activation failed at {result.FailedStage}: {result.Reason}");
        return plugin.Definitions.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
