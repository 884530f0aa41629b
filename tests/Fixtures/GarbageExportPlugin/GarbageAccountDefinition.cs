using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.GarbageExportPlugin;

/// <summary>
/// Broken on purpose: the id agrees with plugin.json, but the schema is not JSON at all and the
/// title getter throws. The host must treat whatever a plugin exports as untrusted input and
/// report the plugin as failed, not crash while reading the export.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class GarbageAccountDefinition : IAccountDefinition
{
    public string Id => "fixture-garbage.basic";

    public string Title => throw new InvalidOperationException("boom from Title getter");

    public string Description => "A host name and an API key.";

    public string Schema => "not json {";
}
