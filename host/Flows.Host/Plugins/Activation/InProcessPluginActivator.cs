using System.Composition;
using System.Composition.Hosting;
using System.Diagnostics;
using System.Text.Json;
using Flows.Contracts;
using Flows.Host.Hosting;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Activation;

/// <summary>
/// Loads a plugin's entry assembly into its own collectible load context, composes its MEF exports
/// eagerly and verifies them against the manifest. Every stage is guarded and the whole is bounded in
/// time, so a plugin that throws, hangs or exports garbage ends up as a status, never as a host crash.
/// Disposing the <see cref="ActivatedPlugin"/> unloads its load context.
/// </summary>
public sealed partial class InProcessPluginActivator : IPluginActivator
{
    // Only the contract and the MEF attributes cross the boundary (JsonElement is part of the
    // contract's API). Everything else a plugin ships stays private to its load context, so two
    // plugins can carry different versions of the same library.
    private static readonly Type[] SharedTypes = [typeof(IAccountDefinition), typeof(ExportAttribute), typeof(JsonElement)];

    private readonly FlowsHostOptions _options;
    private readonly PluginHostServices _hostServices;
    private readonly ILogger<InProcessPluginActivator> _logger;

    public InProcessPluginActivator(FlowsHostOptions options, PluginHostServices hostServices, ILogger<InProcessPluginActivator> logger)
    {
        _options = options;
        _hostServices = hostServices;
        _logger = logger;
    }

    public Task<ActivationResult> ActivateAsync(PluginInfo plugin, CancellationToken cancellationToken) =>
        ActivateAsync(plugin, null, cancellationToken);

    /// <summary>Activates <paramref name="plugin"/> here; <paramref name="stageChanged"/> hears each stage as it starts.</summary>
    public async Task<ActivationResult> ActivateAsync(PluginInfo plugin, Action<PluginStage>? stageChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (plugin.Manifest is null || plugin.Status != PluginStatus.Active)
        {
            return ActivationResult.NotActive(plugin);
        }

        var progress = new Progress(stageChanged);
        var completion = new TaskCompletionSource<ActivationResult>(TaskCreationOptions.RunContinuationsAsynchronously);

        // A dedicated thread: a constructor that never returns then holds one parked thread, not a
        // thread-pool worker the rest of the host needs.
        var thread = new Thread(() => completion.TrySetResult(Run(plugin, progress)))
        {
            IsBackground = true,
            Name = $"Flows activation: {plugin.Id}",
        };
        thread.Start();

        try
        {
            return await completion.Task.WaitAsync(_options.ActivationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // The thread cannot be stopped; whatever it builds once it returns is unloaded unused.
            _ = completion.Task.ContinueWith(t => t.Result.Plugin?.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (exception is OperationCanceledException)
            {
                throw;
            }

            var reason = $"Activation did not finish within {_options.ActivationTimeout.TotalSeconds:0.#} s (stuck in stage {progress.Stage}); the plugin is not used.";
            LogActivationFailed(_logger, plugin.Id, progress.Stage, reason);
            return ActivationResult.Failed(progress.Stage, reason);
        }
    }

    private ActivationResult Run(PluginInfo plugin, Progress progress)
    {
        var manifest = plugin.Manifest!;
        var stopwatch = Stopwatch.StartNew();
        PluginLoader? loader = null;
        CompositionHost? container = null;
        try
        {
            progress.Stage = PluginStage.Load;
            loader = PluginLoader.CreateFromAssemblyFile(manifest.MainPath, SharedTypes, config =>
            {
                config.PreferSharedTypes = false;
                // Collectible, so that a build that was replaced, removed or failed is really unloaded.
                config.IsUnloadable = true;
            });
            var assembly = loader.LoadDefaultAssembly();

            progress.Stage = PluginStage.Compose;
            container = _hostServices.AddTo(new ContainerConfiguration().WithAssembly(assembly), plugin.Id).CreateContainer();
            // Asking for every export now runs every constructor now: MEF's lazy failures surface here.
            var definitions = container.GetExports<IAccountDefinition>().ToList();
            var validators = container.GetExports<IAccountValidator>().ToList();

            progress.Stage = PluginStage.Verify;
            var problems = ExportVerifier.Verify(manifest, definitions, validators, out var validatorsByType);
            if (problems.Count > 0)
            {
                container.Dispose();
                loader.Dispose();
                var reason = problems.Count == 1 ? problems[0] : $"{problems.Count} problems: {string.Join(" ", problems)}";
                LogActivationFailed(_logger, plugin.Id, PluginStage.Verify, reason);
                return ActivationResult.Failed(PluginStage.Verify, reason, problems);
            }

            var activated = new ActivatedPlugin(plugin, loader, container, definitions, validatorsByType, stopwatch.Elapsed);
            LogActivated(_logger, plugin.Id, manifest.Version, stopwatch.Elapsed.TotalMilliseconds);
            return ActivationResult.Succeeded(activated);
        }
#pragma warning disable CA1031 // Plugin code may throw anything; all of it becomes a Faulted status.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            container?.Dispose();
            loader?.Dispose();
            var reason = ActivationFailure.Describe(exception);
            LogActivationFailed(_logger, plugin.Id, progress.Stage, reason);
            return ActivationResult.Failed(progress.Stage, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activated plugin {PluginId} {Version} in {ElapsedMs:0.0} ms")]
    private static partial void LogActivated(ILogger logger, string pluginId, Semver.SemVersion version, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} failed to activate at stage {Stage}: {Reason}")]
    private static partial void LogActivationFailed(ILogger logger, string pluginId, PluginStage stage, string reason);

    private sealed class Progress(Action<PluginStage>? stageChanged)
    {
        private volatile int _stage = (int)PluginStage.Load;

        public PluginStage Stage
        {
            get => (PluginStage)_stage;
            set
            {
                _stage = (int)value;
                stageChanged?.Invoke(value);
            }
        }
    }
}
