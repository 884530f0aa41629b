using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.OtherGoodPlugin;

/// <summary>A well-behaved account type whose exports agree with the manifest.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class OtherAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-other.basic";

    public string Id => AccountTypeId;

    public string Title => "Other fixture account";

    public string Description => "A host name and an API key.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(OtherAccountDefinition).Assembly, "schemas/other.basic.schema.json");
}
