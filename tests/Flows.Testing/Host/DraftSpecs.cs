namespace Flows.Testing;

/// <summary>Account schemas in the shape published connector specs take, in the dialect spellings they use.</summary>
public static class DraftSpecs
{
    /// <summary>The spellings of draft-07 and 2019-09 found in published specs.</summary>
    public static TheoryData<string> Spellings => new()
    {
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft/2019-09/schema",
        "http://json-schema.org/draft/2019-09/schema#",
    };

    /// <summary>A connector spec: definitions, a $ref, a secret, examples and an Airbyte ordering hint.</summary>
    public static string Connector(string dialect) => $$"""
        {
          "$schema": "{{dialect}}",
          "title": "Source Example Spec",
          "type": "object",
          "required": ["api_key", "start_date"],
          "additionalProperties": true,
          "definitions": {
            "date": { "type": "string", "title": "Start date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "examples": ["2024-01-01"] }
          },
          "properties": {
            "api_key": { "type": "string", "title": "API key", "airbyte_secret": true, "order": 0 },
            "start_date": { "$ref": "#/definitions/date" },
            "page_size": { "type": "integer", "minimum": 1, "default": 100 }
          }
        }
        """;

    /// <summary>A draft-07 spec whose <c>examples</c> is a single value instead of an array.</summary>
    public const string ExamplesNotAnArray = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["region"],
          "properties": { "region": { "type": "string", "examples": "eu-west-1" } }
        }
        """;

    /// <summary>A spec naming a dialect nobody publishes.</summary>
    public const string UnknownDialect = """
        { "$schema": "https://example.com/my-dialect", "type": "object", "properties": { "host": { "type": "string" } } }
        """;

    /// <summary>The sentence both checks give for <see cref="UnknownDialect"/>.</summary>
    public const string UnknownDialectSentence = "\"$schema\" is https://example.com/my-dialect, a dialect flows does not know; use http://json-schema.org/draft-07/schema# (draft-07)";
}
