namespace Flows.Testing.SalesforceStandIn.Http;

/// <summary>
/// Replaces the console lifetime, which would hook Ctrl+C and SIGTERM of whatever process hosts the
/// stand-in (a test runner) and print start-up banners. The owner stops the stand-in by disposing it.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
