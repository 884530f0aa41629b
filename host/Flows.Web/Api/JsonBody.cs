using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Api;

/// <summary>
/// Reads a request body as one JSON object. A body that is not JSON is described by where it went
/// wrong (line, position, path), never by quoting it: it may hold a secret.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>The body's object; null with a 400 problem when there is none or it is not JSON.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpContext context, bool allowEmpty = false)
    {
        JsonNode? node;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (buffer.Length == 0 || IsBlank(buffer))
            {
                return allowEmpty
                    ? ([], null)
                    : (null, ApiProblems.Malformed(context, "The request body is empty; send a JSON object."));
            }

            buffer.Position = 0;
            node = await JsonNode.ParseAsync(buffer, documentOptions: Options, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            return (null, ApiProblems.Malformed(context, Where(exception)));
        }
        catch (InvalidOperationException)
        {
            // Text that cannot become a string (a property name of invalid UTF-8, read while parsing).
            return (null, ApiProblems.Malformed(context, NotText(path: null)));
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own refusals (too large a body) say nothing about the content.
            return (null, ApiProblems.Problem(context, ApiProblems.MalformedRequest, "The request body cannot be read.", exception.StatusCode, exception.Message));
        }

        if (node is not JsonObject body)
        {
            return (null, ApiProblems.Malformed(context, $"The request body must be a JSON object, not {Describe(node)}."));
        }

        // Strings are decoded only when read; read them all now, so text that is not Unicode is
        // refused here and not in the middle of handling the request.
        return FindUnreadableText(body, "$") is { } where
            ? (null, ApiProblems.Malformed(context, NotText(where)))
            : (body, null);
    }

    /// <summary>A JSON type in words, for "must be … not …" messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            _ => "a value",
        },
        _ => "a value",
    };

    // The path of the first property name or string that is not valid Unicode, or null.
    private static string? FindUnreadableText(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject properties:
                List<KeyValuePair<string, JsonNode?>> read;
                try
                {
                    read = [.. properties];
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

                foreach (var (name, value) in read)
                {
                    if (FindUnreadableText(value, $"{path}.{name}") is { } inside)
                    {
                        return inside;
                    }
                }

                return null;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (FindUnreadableText(items[i], $"{path}[{i}]") is { } inside)
                    {
                        return inside;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    _ = value.GetValue<string>();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

            default:
                return null;
        }
    }

    private static string NotText(string? path) =>
        $"The request body holds text that is not valid Unicode{(path is null ? string.Empty : $" at {path}")} (bytes that are not UTF-8, or half of a surrogate pair such as \\ud800): send UTF-8 text.";

    private static bool IsBlank(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static string Where(JsonException exception)
    {
        var where = new List<string>();
        if (exception.LineNumber is { } line)
        {
            where.Add($"line {line + 1}");
        }

        if (exception.BytePositionInLine is { } position)
        {
            where.Add($"byte {position + 1}");
        }

        if (!string.IsNullOrEmpty(exception.Path) && exception.Path != "$")
        {
            where.Add($"at {exception.Path}");
        }

        const string Hint = "check for a missing quote, comma or bracket, a control character inside a string, or a property given twice.";
        return where.Count == 0
            ? $"The request body is not valid JSON: {Hint}"
            : $"The request body is not valid JSON ({string.Join(", ", where)}): {Hint}";
    }
}
