using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace Flows.Web.Hosting;

/// <summary>
/// Applies the listening rule to the addresses Kestrel actually bound, once it has bound them:
/// configuration other than <c>--urls</c> (the environment, an appsettings.json) can choose them
/// too. Until this has run the server answers nothing; when the rule fails, starting the server
/// fails with the rule's sentence.
/// </summary>
internal sealed class BoundAddressCheck(IServer server, FlowsWebOptions options, ListenPolicy policy) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var (loopbackOnly, problem) = ListenAddresses.CheckBound(bound, options.AccessToken);
        if (problem is not null)
        {
            throw new WebHostConfigurationException(problem);
        }

        policy.Open(loopbackOnly);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
