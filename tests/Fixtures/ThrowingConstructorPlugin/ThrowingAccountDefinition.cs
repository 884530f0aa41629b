using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.ThrowingConstructorPlugin;

/// <summary>
/// Broken on purpose: MEF runs this constructor when the host asks for the plugin's exports, and
/// it throws. The host must record the plugin as failed, not crash or hide the other plugins.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class ThrowingAccountDefinition : IAccountDefinition
{
    public ThrowingAccountDefinition() => throw new InvalidOperationException("boom from constructor");

    public string Id => "fixture-throwing.basic";

    public string Title => "Throwing fixture account";

    public string Description => "A host name and an API key.";

    public string Schema => EmbeddedSchema.Read(typeof(ThrowingAccountDefinition).Assembly, "schemas/throwing.basic.schema.json");
}
