using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.DuplicateAccountB;

/// <summary>Claims the account type id that the other duplicate fixture claims too.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class SharedTypeAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture.shared-type";

    public string Id => AccountTypeId;

    public string Title => "Shared type from duplicate B";

    public string Description => "Both duplicate fixtures claim this account type id.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(SharedTypeAccountDefinition).Assembly, "schemas/shared-type.schema.json");
}
