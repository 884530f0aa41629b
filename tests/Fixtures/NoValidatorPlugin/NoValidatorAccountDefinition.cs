using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.NoValidatorPlugin;

/// <summary>An account type that can be saved (Apply) but not checked: the plugin exports no validator.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class NoValidatorAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-novalidator.source";

    public string Id => AccountTypeId;

    public string Title => "Event source";

    public string Description => "Reads events from the source since a start date.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(NoValidatorAccountDefinition).Assembly, "schemas/novalidator.source.schema.json");
}
