using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Plugins;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Discovery;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Host.Tests.Plugins;

/// <summary>An in-process plugin's load context is collectible: once its activation is disposed, nothing keeps its code loaded.</summary>
public sealed class UnloadTests : SandboxTests<PluginSandbox>
{
    [Fact]
    public async Task Dispose_APluginActivatedInProcess_UnloadsItsLoadContext()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();

        var loaded = await ActivateUseAndDisposeAsync(host, folder);

        (await IsCollectedAsync(loaded)).ShouldBeTrue("the plugin's load context is still alive after its activation was disposed");
    }

    [Fact]
    public async Task Refresh_AfterThePluginIsReplaced_UnloadsTheOldBuild()
    {
        var folder = Sandbox.Add(Fixtures.Good);
        using var host = Sandbox.CreateHost();
        var catalog = host.GetRequiredService<PluginCatalog>();
        var loaded = await ActivateThroughCatalogAsync(catalog);

        PluginSandbox.EditManifest(folder, m => m["version"] = "1.0.1");
        catalog.Refresh();
        _ = catalog.Plugins;

        (await IsCollectedAsync(loaded)).ShouldBeTrue("the replaced build's load context is still alive");
    }

    // Not inlined, so that no local of the caller's frame keeps the plugin's objects reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ActivateUseAndDisposeAsync(ServiceProvider host, string folder)
    {
        var plugin = host.GetRequiredService<PluginDiscovery>().Examine(folder, PluginSource.User, host.GetRequiredService<Flows.Host.Plugins.State.PluginStateStore>().Read());
        var result = await host.GetRequiredService<InProcessPluginActivator>().ActivateAsync(plugin, CancellationToken.None);
        var activated = result.Plugin.ShouldNotBeNull(result.Reason);
        await UseAsync(activated);
        var context = new WeakReference(AssemblyLoadContext.GetLoadContext(activated.Validators.Values.Single().GetType().Assembly));
        activated.Dispose();
        return context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ActivateThroughCatalogAsync(PluginCatalog catalog)
    {
        var result = await catalog.ActivateAsync("fixture.good", CancellationToken.None);
        var activated = result.Plugin.ShouldNotBeNull(result.Reason);
        await UseAsync(activated);
        return new WeakReference(AssemblyLoadContext.GetLoadContext(activated.Validators.Values.Single().GetType().Assembly));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task UseAsync(ActivatedPlugin activated)
    {
        var values = JsonSerializer.SerializeToElement(new { host = "example.com", apiKey = "k" });
        var answer = await activated.Validators["fixture-good.basic"].ValidateAsync(new AccountValidationRequest("fixture-good.basic", values), CancellationToken.None);
        answer.Outcome.ShouldBe(AccountValidationOutcome.Valid);
    }

    // The catalog releases a retired build in the background: a short pause between collections lets it.
    private static async Task<bool> IsCollectedAsync(WeakReference reference)
    {
        for (var attempt = 0; attempt < 10 && reference.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        return !reference.IsAlive;
    }
}
