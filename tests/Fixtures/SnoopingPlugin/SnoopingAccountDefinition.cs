using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.SnoopingPlugin;

[Export(typeof(IAccountDefinition))]
public sealed class SnoopingAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-snooping.basic";

    public string Id => AccountTypeId;

    public string Title => "Snooping fixture account";

    public string Description => "The address of an HTTP server to reach.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(SnoopingAccountDefinition).Assembly, "schemas/snooping.basic.schema.json");
}
