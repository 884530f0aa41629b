using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Flows.Web.Api;

/// <summary>The OpenAPI document at /api/openapi.json: the API's endpoints only, with a title and a description.</summary>
internal static class ApiDocument
{
    public const string Title = "Flows API";

    public const string Description =
        "Plugins, account types and accounts of this Flows host, with the same rules and messages as its screens " +
        "and the `flows` command. Bodies are JSON (`Content-Type: application/json`; a POST or PUT without it is " +
        "refused with 415, which also keeps other web sites from posting forms here). Errors are RFC 9457 problem " +
        "details (`application/problem+json`) whose `errors` are keyed by JSON Pointer into the request body " +
        "(`/label`, `/values/servers/0/host`; `\"\"` for the request as a whole). Secret values are write-only: " +
        "no answer carries one, an account shows only which secrets are set. When the server has an access " +
        "token, send it as `Authorization: Bearer <token>`.";

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = Title;
            document.Info.Description = Description;
            document.Info.Version = "v1";
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
            {
                var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken).ConfigureAwait(false);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ApiResults.Json] = new OpenApiMediaType { Schema = schema } },
                };
            }
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            DescribeEnumAsText(schema, context.JsonTypeInfo.Type);
            DescribeNumbersAsNumbers(schema);
            OmittedNullsAreNotRequired(schema);
            return Task.CompletedTask;
        });
    }

    // The API writes enums as camelCase names (see ApiJson); the document says so.
    private static void DescribeEnumAsText(OpenApiSchema schema, Type type)
    {
        if ((Nullable.GetUnderlyingType(type) ?? type) is not { IsEnum: true } enumType)
        {
            return;
        }

        // A nullable use is described where it is used (oneOf null or the enum).
        schema.Type = JsonSchemaType.String;
        schema.Format = null;
        schema.Enum = [.. Enum.GetNames(enumType).Select(name => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(name)))];
    }

    // The API writes numbers as numbers, whatever the web defaults would accept when reading.
    private static void DescribeNumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    // The API leaves null properties out (see ApiJson), so a property that can be null is not always there.
    private static void OmittedNullsAreNotRequired(OpenApiSchema schema)
    {
        if (schema.Properties is null || schema.Required is null)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties)
        {
            var nullable = (property.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                || property.OneOf?.Any(o => o.Type == JsonSchemaType.Null) == true;
            if (nullable)
            {
                schema.Required.Remove(name);
            }
        }
    }
}
