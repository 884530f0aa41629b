using System.Composition;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.SchemaMismatchPlugin;

/// <summary>
/// Broken on purpose: id, title and description agree with plugin.json, but the exported schema
/// is not the file the manifest points to (it adds a "region" property) instead of being read
/// with <see cref="EmbeddedSchema"/>. Activation must notice the two schemas disagree.
/// </summary>
[Export(typeof(IAccountDefinition))]
public sealed class SchemaMismatchAccountDefinition : IAccountDefinition
{
    public string Id => "fixture-schemamismatch.basic";

    public string Title => "Schema mismatch fixture account";

    public string Description => "A host name and an API key.";

    public string Schema => """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "SchemaMismatch fixture account",
          "type": "object",
          "additionalProperties": false,
          "required": ["host", "apiKey"],
          "properties": {
            "host": {
              "title": "Host",
              "description": "The host name of the service.",
              "type": "string",
              "minLength": 1,
              "order": 1
            },
            "apiKey": {
              "title": "API key",
              "description": "The API key of the service.",
              "type": "string",
              "minLength": 1,
              "writeOnly": true,
              "order": 2
            },
            "region": {
              "title": "Region",
              "description": "Not in the schema file: this property is the mismatch.",
              "type": "string",
              "order": 3
            }
          }
        }
        """;
}
