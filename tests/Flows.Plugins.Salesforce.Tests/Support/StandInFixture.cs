namespace Flows.Plugins.Salesforce.Tests.Support;

/// <summary>One Salesforce stand-in (a real Kestrel server on loopback) shared by a test collection.</summary>
public sealed class StandInFixture : IAsyncLifetime
{
    private SalesforceStandIn? _standIn;

    public SalesforceStandIn StandIn => _standIn ?? throw new InvalidOperationException("The stand-in is not running.");

    public async Task InitializeAsync() => _standIn = await SalesforceStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StandInTests : ICollectionFixture<StandInFixture>
{
    public const string Name = "Salesforce stand-in";
}
