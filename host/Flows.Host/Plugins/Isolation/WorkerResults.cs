using System.Text.Json.Nodes;
using Flows.Contracts;

namespace Flows.Host.Plugins.Isolation;

/// <summary>A validator's verdict as a worker message, and back.</summary>
internal static class WorkerResults
{
    public static JsonObject ToMessage(AccountValidationResult result) => new()
    {
        ["type"] = "result",
        ["outcome"] = result.Outcome.ToString(),
        ["identitySummary"] = result.IdentitySummary,
        ["message"] = result.Message,
        ["warnings"] = new JsonArray([.. result.Warnings.Select(w => JsonValue.Create(w))]),
        ["fieldErrors"] = new JsonArray([.. result.FieldErrors.Select(e => new JsonObject { ["field"] = e.Field, ["message"] = e.Message })]),
    };

    public static AccountValidationResult FromMessage(JsonObject message)
    {
        var outcome = Enum.Parse<AccountValidationOutcome>(message["outcome"]!.GetValue<string>());
        var text = message["message"]?.GetValue<string>() ?? string.Empty;
        return outcome switch
        {
            AccountValidationOutcome.Valid => AccountValidationResult.Valid(
                message["identitySummary"]!.GetValue<string>(),
                [.. message["warnings"]!.AsArray().Select(w => w!.GetValue<string>())]),
            AccountValidationOutcome.Invalid => AccountValidationResult.Invalid(
                text,
                [.. message["fieldErrors"]!.AsArray().Select(e => new AccountFieldError(e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>()))]),
            _ => AccountValidationResult.Unavailable(text),
        };
    }
}
