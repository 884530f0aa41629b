using System.Text.Json;
using System.Text.Json.Nodes;
using Flows.Host.Accounts;
using Flows.Host.Plugins;
using Flows.Web.Api.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flows.Web.Api;

/// <summary><c>GET /api/account-types[/{id}]</c>: what accounts can be made, with their schema and form.</summary>
internal static class AccountTypeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/account-types", List)
            .WithName("ListAccountTypes")
            .WithTags("Account types")
            .WithSummary("Lists the account types of the active plugins.")
            .ProducesJson<IReadOnlyList<AccountTypeResponse>>();

        api.MapGet("/account-types/{id}", Get)
            .WithName("GetAccountType")
            .WithTags("Account types")
            .WithSummary("Gets an account type with its JSON Schema and its form.")
            .WithDescription("`schema` is the connector's JSON Schema document as written. `form` is the form the host makes of it, the host's Label field first: each field's name, post name (path), JSON Pointer (instancePath), kind, title, help, whether it is required or secret, its default, choices, child fields, list item and variants, and when it is shown (visibleWhen). `values` in account requests follow the schema; errors point into them.")
            .ProducesJson<AccountTypeDetailResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static IResult List(PluginCatalog catalog) =>
        ApiResults.Ok<IReadOnlyList<AccountTypeResponse>>([.. catalog.AccountTypes.Select(AccountTypeResponse.From)], ApiJson.Api.IReadOnlyListAccountTypeResponse);

    private static IResult Get(string id, HttpContext context, PluginCatalog catalog, AccountForms forms)
    {
        if (catalog.FindAccountType(id) is not { } type)
        {
            return ApiProblems.Missing(context, $"No active plugin offers the account type '{id}'. See GET /api/account-types.");
        }

        var loaded = forms.Get(id);
        var (schema, unreadable) = ReadSchema(type);
        return ApiResults.Ok(
            new AccountTypeDetailResponse(
                type.Id,
                type.Title,
                type.Description,
                type.Plugin.Id,
                schema,
                loaded.Form is { } form ? FormResponse.From(form) : null,
                loaded.Problem ?? unreadable),
            ApiJson.Api.AccountTypeDetailResponse);
    }

    private static (JsonNode? Schema, string? Problem) ReadSchema(AccountTypeInfo type)
    {
        try
        {
            return (JsonNode.Parse(File.ReadAllText(type.SchemaPath), documentOptions: new JsonDocumentOptions { MaxDepth = 256 }), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"The schema of '{type.Id}' could not be read: {exception.Message}");
        }
    }
}
