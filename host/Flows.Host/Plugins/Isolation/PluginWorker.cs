using System.Globalization;
using Flows.Host.Hosting;
using Flows.Host.Plugins.Confinement;
using Flows.Host.Plugins.Isolation.Protocol;
using Flows.Host.Plugins.Manifests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The process side of plugin isolation: activates one plugin here (with the in-process activator)
/// and answers the host's calls over standard input and output (<see cref="WorkerProtocol"/>) until
/// the host closes the input. Whatever the plugin does to this process (a stack overflow, <c>Environment.Exit</c>)
/// ends only this worker.
/// </summary>
public static class PluginWorker
{
    /// <summary>The hidden command that makes <c>flows</c> a worker; not a command people type.</summary>
    public const string CommandName = "__plugin-worker";

    /// <summary>
    /// The worker's command line from <see cref="CommandName"/> on: the plugin folder, the activation
    /// limit, the least log level to forward, the worker's scratch folder and whether to confine it.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string directory, TimeSpan activationTimeout, LogLevel logLevel, string scratchDirectory, WorkerConfinementMode confinement) =>
        [CommandName, directory, activationTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), logLevel.ToString(), scratchDirectory, confinement.ToString()];

    /// <summary>
    /// Runs a worker with the arguments that followed <see cref="CommandName"/> and the settings its host
    /// handed it (<see cref="FlowsConfiguration.FromEnvironment"/>), reading the host's calls from
    /// <paramref name="input"/> and answering on <paramref name="output"/>.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, IConfiguration settings, Stream input, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var options = new FlowsHostOptions();
        FlowsConfiguration.Configure(options, settings);
        if (arguments is not [var directory, var seconds, var level, var scratch, var mode]
            || !double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var timeout)
            || !Enum.TryParse<LogLevel>(level, out var logLevel)
            || !Enum.TryParse<WorkerConfinementMode>(mode, out var confinement))
        {
            await Console.Error.WriteLineAsync($"usage: flows {CommandName} <plugin folder> <activation timeout seconds> <log level> <scratch folder> <Confine|Confined|Unconfined>").ConfigureAwait(false);
            return 2;
        }

        ActivationFailed? refused = null;
        if (confinement == WorkerConfinementMode.Confine)
        {
            // First thing, on this thread: on success this process becomes the confined worker and
            // this call does not return; where the kernel has no Landlock, the worker goes on unconfined.
            try
            {
                var self = PluginWorkerStart.ForThisProgram() ?? throw new ConfinementException("The plugin's worker process cannot find its own program to start again confined.");
                WorkerConfinement.ConfineAndRestart(
                    WorkerConfinementPolicy.Rules(directory, scratch, ManifestValidationCache.PathFor(options)),
                    self.FileName,
                    [.. self.Arguments, .. Arguments(directory, TimeSpan.FromSeconds(timeout), logLevel, scratch, WorkerConfinementMode.Confined)]);
            }
            catch (ConfinementException exception)
            {
                // Answered to the host's activation call: no plugin code runs.
                var reason = $"{exception.Message} The plugin is not used; {FlowsHostOptions.UnconfinedVariable}=1 runs plugins unconfined.";
                refused = new ActivationFailed(PluginStage.Load, reason, [reason]);
            }
        }

        using var rpc = WorkerProtocol.Connect(output, input);
        await using var session = new WorkerSession(rpc, settings, directory, TimeSpan.FromSeconds(timeout), logLevel, refused);
        rpc.AddLocalRpcTarget(session);
        rpc.StartListening();
        try
        {
            await rpc.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop (a signal): as if the host had gone.
        }
#pragma warning disable CA1031 // The connection broke rather than closed: the host is gone either way.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
        }

        return refused is null ? 0 : 1;
    }
}
