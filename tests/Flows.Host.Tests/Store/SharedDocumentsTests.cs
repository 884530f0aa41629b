using Flows.Host.Store;
using Flows.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flows.Host.Tests.Store;

/// <summary>The documents the nodes of a PostgreSQL store share, and the notice every node gets of a change.</summary>
public sealed class SharedDocumentsTests : IAsyncLifetime
{
    private string _address = null!;

    public async Task InitializeAsync() => _address = await StoreDatabases.CreateAsync();

    public Task DisposeAsync() => StoreDatabases.DropAsync(_address);

    [Fact]
    public void ADocumentPutByOneNode_IsReadByAnother_AndRemovedForAll()
    {
        using var one = new SharedDocuments(_address, NullLogger<SharedDocuments>.Instance);
        using var other = new SharedDocuments(_address, NullLogger<SharedDocuments>.Instance);

        one.Put("plugin-state", "fixture.good", "{\"disabled\":true}");
        one.Put("plugin-state", "fixture.good", "{\"disabled\":false}");

        other.ReadAll("plugin-state").Select(d => (d.Name, d.Body)).ShouldBe([("fixture.good", "{\"disabled\":false}")]);
        other.Remove("plugin-state", "fixture.good");
        one.ReadAll("plugin-state").ShouldBeEmpty();
    }

    [Fact]
    public async Task AChangeOnOneNode_ReachesTheListeningNodes_WithinASecond()
    {
        using var writer = new SharedDocuments(_address, NullLogger<SharedDocuments>.Instance);
        using var listener = new SharedDocuments(_address, NullLogger<SharedDocuments>.Instance);
        var heard = new TaskCompletionSource<SharedDocumentChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Changed += (_, change) => heard.TrySetResult(change);
        using var stop = new CancellationTokenSource();
        var listening = listener.ListenAsync(stop.Token);
        await Task.Delay(500); // LISTEN is in place

        writer.Put("plugin-state", "fixture.good", "{}");

        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(1))).ShouldBe(new SharedDocumentChange("plugin-state", "fixture.good"));
        await stop.CancelAsync();
        await listening;
    }
}
