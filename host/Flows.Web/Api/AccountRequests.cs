using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Http;

namespace Flows.Web.Api;

/// <summary>
/// Turns the body of a create or edit request into its record, or a 400 problem that points at each
/// property that is missing, of the wrong type or unknown.
/// </summary>
internal static class AccountRequests
{
    public static async Task<(CreateAccountRequest? Request, IResult? Problem)> ReadCreateAsync(HttpContext context)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return (null, problem);
        }

        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        Unknown(body, errors, "accountTypeId", "label", "values", "validate");
        var accountTypeId = Text(body, "accountTypeId", errors, required: true);
        var label = Text(body, "label", errors, required: false);
        var values = Values(body, errors, required: false);
        var validate = Flag(body, "validate", errors);
        return errors.Count > 0
            ? (null, ApiProblems.Malformed(context, "The request body does not have the expected shape; see errors.", errors))
            : (new CreateAccountRequest(accountTypeId!, label!, values ?? [], validate), null);
    }

    public static async Task<(UpdateAccountRequest? Request, IResult? Problem)> ReadUpdateAsync(HttpContext context)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return (null, problem);
        }

        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        Unknown(body, errors, "label", "values", "validate");
        var label = Text(body, "label", errors, required: false);

        // Required: the values replace the stored ones, so leaving them out by mistake would erase them.
        var values = Values(body, errors, required: true);
        var validate = Flag(body, "validate", errors);
        return errors.Count > 0
            ? (null, ApiProblems.Malformed(context, "The request body does not have the expected shape; see errors.", errors))
            : (new UpdateAccountRequest(label, values!, validate), null);
    }

    private static void Unknown(JsonObject body, Dictionary<string, IReadOnlyList<string>> errors, params string[] known)
    {
        foreach (var (name, _) in body)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                errors[Pointer(name)] = [$"'{name}' is not a property of this request; it takes {string.Join(", ", known)}."];
            }
        }
    }

    private static string? Text(JsonObject body, string name, Dictionary<string, IReadOnlyList<string>> errors, bool required)
    {
        switch (body[name])
        {
            case null when required:
                errors[Pointer(name)] = [$"{name} is required."];
                return null;
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            case var other:
                errors[Pointer(name)] = [$"{name} must be a string, not {JsonBody.Describe(other)}."];
                return null;
        }
    }

    private static JsonObject? Values(JsonObject body, Dictionary<string, IReadOnlyList<string>> errors, bool required)
    {
        switch (body["values"])
        {
            case null when required:
                errors["/values"] = ["values is required: the account's values (secrets you leave out are kept)."];
                return null;
            case null:
                return null;
            case JsonObject values:
                return (JsonObject)values.DeepClone();
            case var other:
                errors["/values"] = [$"values must be an object, not {JsonBody.Describe(other)}."];
                return null;
        }
    }

    private static bool Flag(JsonObject body, string name, Dictionary<string, IReadOnlyList<string>> errors)
    {
        switch (body[name])
        {
            case null:
                return false;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            case var other:
                errors[Pointer(name)] = [$"{name} must be true or false, not {JsonBody.Describe(other)}."];
                return false;
        }
    }

    private static string Pointer(string name) => Flows.Forms.FormPath.PointerProperty(string.Empty, name);
}
