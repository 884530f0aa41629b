using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.FormShapesPlugin;

/// <summary>A warehouse account whose form has every shape the renderer draws; saved with Apply (no validator).</summary>
[Export(typeof(IAccountDefinition))]
public sealed class FormShapesAccountDefinition : IAccountDefinition
{
    public const string AccountTypeId = "fixture-shapes.warehouse";

    public string Id => AccountTypeId;

    public string Title => "Warehouse";

    public string Description => "Reads streams from a warehouse, optionally through an SSH tunnel.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(FormShapesAccountDefinition).Assembly, "schemas/shapes.warehouse.schema.json");
}
