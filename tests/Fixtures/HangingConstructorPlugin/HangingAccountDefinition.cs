using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.HangingConstructorPlugin;

/// <summary>
/// Broken on purpose: the constructor blocks for five minutes, far longer than any activation
/// timeout. The host must give up on the plugin in time and stay responsive; nothing can abort a
/// blocked thread, so the sleep only ends when the test process does.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class HangingAccountDefinition : IAccountDefinition
{
    public HangingAccountDefinition() => Thread.Sleep(TimeSpan.FromMinutes(5));

    public string Id => "fixture-hanging.basic";

    public string Title => "Hanging fixture account";

    public string Description => "A host name and an API key.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(HangingAccountDefinition).Assembly, "schemas/hanging.basic.schema.json");
}
