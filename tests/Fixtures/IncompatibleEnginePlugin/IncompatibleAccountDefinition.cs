using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.IncompatibleEnginePlugin;

/// <summary>A correct account type; only the manifest's engines.flows range is wrong for this host.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class IncompatibleAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-incompatible.basic";

    public string Id => AccountTypeId;

    public string Title => "Incompatible fixture account";

    public string Description => "A host name and an API key.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(IncompatibleAccountDefinition).Assembly, "schemas/incompatible.basic.schema.json");
}
