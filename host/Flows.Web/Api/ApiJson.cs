using System.Text.Json;
using System.Text.Json.Serialization;
using Flows.Web.Api.Shapes;

namespace Flows.Web.Api;

/// <summary>
/// How the API writes JSON: camelCase names, enums as camelCase strings (<c>"notValidated"</c>),
/// nulls left out, by generated code. The default encoder stays: answers may end up in web pages.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<PluginResponse>))]
[JsonSerializable(typeof(IReadOnlyList<AccountTypeResponse>))]
[JsonSerializable(typeof(AccountTypeDetailResponse))]
[JsonSerializable(typeof(IReadOnlyList<AccountSummaryResponse>))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(ApiProblem))]
internal sealed partial class ApiJson : JsonSerializerContext
{
    /// <summary>The context every answer is written with.</summary>
    public static ApiJson Api { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    });
}
