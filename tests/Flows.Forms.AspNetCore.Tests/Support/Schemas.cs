namespace Flows.Forms.AspNetCore.Tests.Support;

/// <summary>The schemas the tests serve and render.</summary>
internal static class Schemas
{
    /// <summary>A connection: required text, a bounded whole number, a secret (writeOnly), a list of rows.</summary>
    public const string Connection = """
        {
          "title": "Database connection",
          "type": "object",
          "required": ["host", "port", "password"],
          "properties": {
            "host": { "type": "string", "title": "Host" },
            "port": { "type": "integer", "title": "Port", "minimum": 1, "maximum": 65535 },
            "password": { "type": "string", "title": "Password", "writeOnly": true },
            "replicas": { "type": "array", "title": "Replicas",
              "items": { "type": "object", "title": "Replica", "properties": { "name": { "type": "string", "title": "Replica name" } } } }
          }
        }
        """;
}
