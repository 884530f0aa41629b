using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.FormShapesPlugin;

/// <summary>A report account whose form has sets of choices (lists of distinct enum values); saved with Apply.</summary>
[Export(typeof(IAccountDefinition))]
public sealed class ReportAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-shapes.report";

    public string Id => AccountTypeId;

    public string Title => "Campaign report";

    public string Description => "Reports on campaigns in the states chosen.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(ReportAccountDefinition).Assembly, "schemas/shapes.report.schema.json");
}
