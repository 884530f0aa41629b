using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.DisagreeingExportsPlugin;

/// <summary>
/// Broken on purpose: plugin.json declares "fixture-disagree.declared" with
/// schemas/disagree.declared.schema.json, but the code exports "fixture-disagree.other" with a
/// schema of its own. Activation must reject the plugin: the manifest is not what the code does.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class DisagreeingAccountDefinition : IAccountDefinition
{
    public string Id => "fixture-disagree.other";

    public string Title => "Disagreeing fixture account";

    public string Description => "A host name and an API key.";

    public string Schema => """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Some other account",
          "type": "object",
          "properties": {
            "token": { "title": "Token", "type": "string", "writeOnly": true }
          }
        }
        """;
}
