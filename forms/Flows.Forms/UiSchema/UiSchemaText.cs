using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flows.Forms.UiSchema;

/// <summary>Reads the text of an rjsf uiSchema: a JSON object, or a sentence saying why it is not one.</summary>
internal static class UiSchemaText
{
    public static (JsonObject? UiSchema, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], null);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            return (null, $"The uiSchema is not valid JSON{(exception.LineNumber is { } line ? $" (line {line + 1})" : string.Empty)}.");
        }
        catch (InvalidOperationException)
        {
            return (null, "The uiSchema is not valid JSON: it holds a \\u escape that is not a whole Unicode character (a lone surrogate).");
        }

        return root switch
        {
            JsonObject uiSchema => (uiSchema, null),
            null => ([], null),
            _ => (null, $"The uiSchema must be a JSON object (property names to their ui: settings), not {Describe(root)}."),
        };
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true or false",
    };
}
