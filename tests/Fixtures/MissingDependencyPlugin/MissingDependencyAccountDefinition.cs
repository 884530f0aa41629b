using System.Composition;
using Flows.Contracts;
using Flows.Tests.Fixtures.Support.FixtureHelper;

namespace Flows.Tests.Fixtures.MissingDependencyPlugin;

/// <summary>
/// Broken on purpose: the constructor reads a value from FixtureHelper.dll, which the build
/// deletes from the plugin folder. Compiling the constructor makes the runtime load that assembly,
/// so creating this export fails with a FileNotFoundException naming FixtureHelper.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class MissingDependencyAccountDefinition : IAccountDefinition
{
    public MissingDependencyAccountDefinition()
    {
        Title = HelperText.Title;
    }

    public string Id => "fixture-missingdep.basic";

    public string Title { get; }

    public string Description => "A host name and an API key.";

    public string Schema { get; } = EmbeddedSchema.Read(typeof(MissingDependencyAccountDefinition).Assembly, "schemas/missingdep.basic.schema.json");
}
