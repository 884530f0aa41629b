using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Confinement;
using Flows.Host.Plugins.Discovery;
using Flows.Host.Plugins.Manifests;
using Flows.Host.Plugins.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// The process side of plugin isolation: activates one plugin here (as the host would in process)
/// and answers the host's validation calls over standard input and output until the host closes
/// the input. Whatever the plugin does to this process (a stack overflow, <c>Environment.Exit</c>)
/// ends only this worker.
/// </summary>
public static class PluginWorker
{
    /// <summary>The first argument that makes <c>flows</c> a worker; not a command people type.</summary>
    public const string CommandName = "__plugin-worker";

    // How long checks still running may take to notice the host has gone before the worker ends anyway.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private static readonly PluginStateSnapshot NoState = new(new HashSet<string>(), new Dictionary<string, RecordedFault>());

    /// <summary>
    /// The worker's command line from <see cref="CommandName"/> on: the plugin folder, the activation
    /// limit, the least log level to forward, the worker's scratch folder and whether to confine it.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string directory, TimeSpan activationTimeout, LogLevel logLevel, string scratchDirectory, WorkerConfinementMode confinement) =>
        [CommandName, directory, activationTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), logLevel.ToString(), scratchDirectory, confinement.ToString()];

    /// <summary>
    /// Runs a worker with the arguments that followed <see cref="CommandName"/>. The worker's own
    /// composition root: the plugin services of the host, with logging sent to the host.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, Stream input, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments is not [var directory, var seconds, var level, var scratch, var mode]
            || !double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var timeout)
            || !Enum.TryParse<LogLevel>(level, out var logLevel)
            || !Enum.TryParse<WorkerConfinementMode>(mode, out var confinement))
        {
            await Console.Error.WriteLineAsync($"usage: flows {CommandName} <plugin folder> <activation timeout seconds> <log level> <scratch folder> <Confine|Confined|Unconfined>").ConfigureAwait(false);
            return 2;
        }

        using var channel = new WorkerChannel(input, output);
        if (confinement == WorkerConfinementMode.Confine)
        {
            // First thing, on this thread: on success this process becomes the confined worker and
            // this call does not return; where the kernel has no Landlock, the worker goes on unconfined.
            try
            {
                var self = PluginWorkerStart.ForThisProgram() ?? throw new ConfinementException("The plugin's worker process cannot find its own program to start again confined.");
                WorkerConfinement.ConfineAndRestart(
                    WorkerConfinementPolicy.Rules(directory, scratch, ManifestValidationCache.PathFor(new FlowsHostOptions())),
                    self.FileName,
                    [.. self.Arguments, .. Arguments(directory, TimeSpan.FromSeconds(timeout), logLevel, scratch, WorkerConfinementMode.Confined)]);
            }
            catch (ConfinementException exception)
            {
                var reason = $"{exception.Message} The plugin is not used; {FlowsHostOptions.UnconfinedVariable}=1 runs plugins unconfined.";
                await channel.WriteAsync(Failed(PluginStage.Load, reason, [reason]), cancellationToken).ConfigureAwait(false);
                return 1;
            }
        }

        var services = new ServiceCollection()
            .AddFlowsPlugins(o => o.ActivationTimeout = TimeSpan.FromSeconds(timeout))
            .AddLogging(logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(new WorkerLoggerProvider(channel));
                logging.SetMinimumLevel(logLevel);
            })
            .BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var plugin = services.GetRequiredService<PluginDiscovery>().Examine(directory, PluginSource.User, NoState);
            var activation = await services.GetRequiredService<InProcessPluginActivator>()
                .ActivateAsync(plugin, stage => channel.Write(new JsonObject { ["type"] = "stage", ["stage"] = stage.ToString() }), cancellationToken)
                .ConfigureAwait(false);
            if (activation.Plugin is not { } activated)
            {
                await channel.WriteAsync(Failed(activation.FailedStage ?? PluginStage.Load, activation.Reason, activation.Problems), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            using (activated)
            {
                await channel.WriteAsync(Activated(activated), cancellationToken).ConfigureAwait(false);
                await ServeAsync(channel, activated, cancellationToken).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static JsonObject Failed(PluginStage stage, string? reason, IEnumerable<string> problems) => new()
    {
        ["type"] = "failed",
        ["stage"] = stage.ToString(),
        ["reason"] = reason,
        ["problems"] = new JsonArray([.. problems.Select(p => JsonValue.Create(p))]),
    };

    private static JsonObject Activated(ActivatedPlugin activated) => new()
    {
        ["type"] = "activated",
        ["elapsedMs"] = activated.Elapsed.TotalMilliseconds,
        ["definitions"] = new JsonArray([.. activated.Definitions.Select(d => new JsonObject
        {
            ["id"] = d.Id,
            ["title"] = d.Title,
            ["description"] = d.Description,
            ["schema"] = d.Schema,
        })]),
        ["validators"] = new JsonArray([.. activated.Validators.Keys.Select(k => JsonValue.Create(k))]),
    };

    // Calls run side by side; the loop ends when the host closes the input.
    private static async Task ServeAsync(WorkerChannel channel, ActivatedPlugin activated, CancellationToken cancellationToken)
    {
        var calls = new ConcurrentDictionary<long, CancellationTokenSource>();
        var running = new List<Task>();
        while (await channel.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            var id = message["id"]?.GetValue<long>() ?? 0;
            switch (message["type"]?.GetValue<string>())
            {
                case "validate":
                    var call = new CancellationTokenSource();
                    calls[id] = call;
                    running.Add(ValidateAsync(channel, activated, id, message, call.Token).ContinueWith(
                        _ =>
                        {
                            if (calls.TryRemove(id, out var done))
                            {
                                done.Dispose();
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default));
                    running.RemoveAll(t => t.IsCompleted);
                    break;
                case "cancel" when calls.TryGetValue(id, out var cancel):
                    await cancel.CancelAsync().ConfigureAwait(false);
                    break;
            }
        }

        foreach (var call in calls.Values)
        {
            await call.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A check that ignores cancellation must not keep an orphaned worker alive after the host is gone.
        }
    }

    private static async Task ValidateAsync(WorkerChannel channel, ActivatedPlugin activated, long id, JsonObject message, CancellationToken cancellationToken)
    {
        JsonObject answer;
        try
        {
            var accountTypeId = message["accountTypeId"]!.GetValue<string>();
            var values = JsonSerializer.SerializeToElement(message["values"]);
            var validator = activated.Validators[accountTypeId];
            // Off the reading loop: a validator that blocks its caller must not stop the next message.
            var result = await Task.Run(() => validator.ValidateAsync(new AccountValidationRequest(accountTypeId, values), cancellationToken), cancellationToken).ConfigureAwait(false);
            answer = WorkerResults.ToMessage(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            answer = new JsonObject { ["type"] = "canceled" };
        }
#pragma warning disable CA1031 // The validator's failure goes back to the host by type; its message may quote a secret.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            answer = new JsonObject { ["type"] = "fault", ["exceptionType"] = exception.GetType().Name };
        }

        answer["id"] = id;
        try
        {
            await channel.WriteAsync(answer, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The host is gone; there is no one to answer.
        }
    }
}
