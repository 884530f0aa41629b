using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.GoodPlugin;

/// <summary>A well-behaved account type whose exports agree with the manifest.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class GoodAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-good.basic";

    public string Id => AccountTypeId;

    public string Title => "Good fixture account";

    public string Description => "A host name and an API key.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(GoodAccountDefinition).Assembly, "schemas/good.basic.schema.json");
}
