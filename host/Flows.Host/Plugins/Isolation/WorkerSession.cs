using System.Collections.Concurrent;
using Flows.Contracts;
using Flows.Host.Hosting;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Discovery;
using Flows.Host.Plugins.Isolation.Protocol;
using Flows.Host.Plugins.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Flows.Host.Plugins.Isolation;

/// <summary>
/// What a plugin worker answers to the host (<see cref="WorkerProtocol"/>): it activates its one plugin
/// with the in-process activator in a composition root of its own (the plugin services of the host,
/// with logging sent to the host), then runs checks side by side.
/// </summary>
internal sealed class WorkerSession(JsonRpc rpc, IConfiguration settings, string directory, TimeSpan activationTimeout, LogLevel logLevel, ActivationFailed? refused) : IAsyncDisposable
{
    // How long checks still running may take to notice the host has gone before the worker ends anyway.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private static readonly PluginStateSnapshot NoState = new(new HashSet<string>(), new Dictionary<string, RecordedFault>());

    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private ServiceProvider? _services;
    private ActivatedPlugin? _activated;

    [JsonRpcMethod(WorkerProtocol.Activate)]
    public async Task<ActivationReply> ActivateAsync(CancellationToken cancellationToken)
    {
        if (refused is not null)
        {
            return new ActivationReply(null, refused);
        }

        if (_services is not null)
        {
            return Failed(PluginStage.Load, "The plugin is activated once per worker.", null);
        }

        _services = new ServiceCollection()
            .AddFlowsPlugins(settings, o => o.ActivationTimeout = activationTimeout)
            .AddLogging(logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(new WorkerLoggerProvider(rpc));
                logging.SetMinimumLevel(logLevel);
            })
            .BuildServiceProvider();
        var plugin = _services.GetRequiredService<PluginDiscovery>().Examine(directory, PluginSource.User, NoState);
        var activation = await _services.GetRequiredService<InProcessPluginActivator>()
            .ActivateAsync(plugin, stage => Notify(WorkerProtocol.StageStarted, new StageStarted(stage)), cancellationToken)
            .ConfigureAwait(false);
        if (activation.Plugin is not { } activated)
        {
            return Failed(activation.FailedStage ?? PluginStage.Load, activation.Reason, activation.Problems);
        }

        _activated = activated;
        return new ActivationReply(
            new ActivationAnswer(
                [.. activated.Definitions.Select(d => new AccountDefinitionData(d.Id, d.Title, d.Description, d.Schema))],
                [.. activated.Validators.Keys],
                activated.Elapsed.TotalMilliseconds),
            null);
    }

    [JsonRpcMethod(WorkerProtocol.Validate)]
    public async Task<ValidateAnswer> ValidateAsync(ValidateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = CheckAsync(request, cancellationToken);
        _running.TryAdd(check, true);
        try
        {
            return await check.ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(check, out _);
        }
    }

    /// <summary>Waits a little for checks still running (they were cancelled when the host went), then releases the plugin.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A check that ignores cancellation must not keep an orphaned worker alive after the host is gone.
        }

        // A check that is still running may use the plugin and its services; the process ends anyway.
        if (_running.IsEmpty)
        {
            _activated?.Dispose();
            if (_services is not null)
            {
                await _services.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends a notification and waits until it is written: the host must have it even if the plugin ends the process next.</summary>
    private void Notify(string method, object message)
    {
        try
        {
            rpc.NotifyAsync(method, message).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException or IOException)
        {
            // The host is gone; nobody is listening.
        }
    }

    private static ActivationReply Failed(PluginStage stage, string? reason, IReadOnlyList<string>? problems)
    {
        var text = reason ?? "Activation failed.";
        return new ActivationReply(null, new ActivationFailed(stage, text, problems ?? [text]));
    }

    private async Task<ValidateAnswer> CheckAsync(ValidateRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var activated = _activated ?? throw new InvalidOperationException("The plugin is not activated.");
            var validator = activated.Validators[request.AccountTypeId];
            // Off the reading loop: a validator that blocks its caller must not stop the next message.
            var result = await Task.Run(() => validator.ValidateAsync(request.ToRequest(), cancellationToken), cancellationToken).ConfigureAwait(false);
            return ValidateAnswer.From(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Answered as a cancelled request.
            throw;
        }
#pragma warning disable CA1031 // The validator's failure goes back to the host by type; its message may quote a secret.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ValidateAnswer.Fault(exception.GetType().Name);
        }
    }
}
