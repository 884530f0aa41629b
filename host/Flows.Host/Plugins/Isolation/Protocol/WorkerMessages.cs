using System.Text.Json;
using Flows.Contracts;

namespace Flows.Host.Plugins.Isolation.Protocol;

// The typed messages between the host and a plugin worker (JSON-RPC, see WorkerProtocol). Only data
// crosses: account definitions as their texts, a validator's verdict, a thrown exception as its type name.

/// <summary>The answer to <c>activate</c>: exactly one of the two is set.</summary>
internal sealed record ActivationReply(ActivationAnswer? Activated, ActivationFailed? Failed);

/// <summary>The plugin is active in the worker: what it exports, and how long load + compose + verify took.</summary>
internal sealed record ActivationAnswer(IReadOnlyList<AccountDefinitionData> Definitions, IReadOnlyList<string> ValidatorIds, double ElapsedMs);

/// <summary>An exported account definition, copied across the process boundary.</summary>
internal sealed record AccountDefinitionData(string Id, string Title, string Description, string Schema);

/// <summary>The plugin could not be activated: the stage it reached, the reason and every problem.</summary>
internal sealed record ActivationFailed(PluginStage Stage, string Reason, IReadOnlyList<string> Problems);

/// <summary>Host to worker: check an account's values with the validator of its type (and, for OAuth types, what the host obtained).</summary>
internal sealed record ValidateRequest(string AccountTypeId, JsonElement Values, AuthorizationData? Authorization = null)
{
    public static ValidateRequest From(AccountValidationRequest request) =>
        new(request.AccountTypeId, request.Values, request.Authorization is { } a
            ? new AuthorizationData(a.AccessToken, a.TokenType, a.ExpiresAt, a.Properties, a.RefreshToken, a.ClientSecret)
            : null);

    public AccountValidationRequest ToRequest() => new(AccountTypeId, Values)
    {
        Authorization = Authorization is { } a
            ? new AccountAuthorization(a.AccessToken, a.TokenType, a.ExpiresAt, a.Properties) { RefreshToken = a.RefreshToken, ClientSecret = a.ClientSecret }
            : null,
    };
}

/// <summary>An OAuth account's authorization, copied across the process boundary (the pipe, never the environment).</summary>
internal sealed record AuthorizationData(
    string AccessToken, string TokenType, DateTimeOffset? ExpiresAt, IReadOnlyDictionary<string, string> Properties, string? RefreshToken, string? ClientSecret);

/// <summary>A validator's verdict, or (<see cref="FaultExceptionType"/> set) the type of what it threw.</summary>
internal sealed record ValidateAnswer(
    AccountValidationOutcome Outcome,
    string? Message,
    IReadOnlyList<FieldErrorData> FieldErrors,
    IReadOnlyList<string> Warnings,
    string? IdentitySummary,
    string? FaultExceptionType)
{
    public static ValidateAnswer From(AccountValidationResult result) => new(
        result.Outcome,
        result.Message,
        [.. result.FieldErrors.Select(e => new FieldErrorData(e.Field, e.Message))],
        [.. result.Warnings],
        result.IdentitySummary,
        null);

    public static ValidateAnswer Fault(string exceptionType) => new(AccountValidationOutcome.Unavailable, null, [], [], null, exceptionType);

    /// <summary>The verdict; a fault becomes <see cref="PluginFaultException"/>, named by the plugin's exception type.</summary>
    public AccountValidationResult ToResult() =>
        FaultExceptionType is { } fault ? throw new PluginFaultException(fault)
        : Outcome switch
        {
            AccountValidationOutcome.Valid => AccountValidationResult.Valid(IdentitySummary ?? string.Empty, [.. Warnings]),
            AccountValidationOutcome.Invalid => AccountValidationResult.Invalid(Message ?? string.Empty, [.. FieldErrors.Select(e => new AccountFieldError(e.Field, e.Message))]),
            _ => AccountValidationResult.Unavailable(Message ?? string.Empty),
        };
}

/// <summary>One field's error in a verdict.</summary>
internal sealed record FieldErrorData(string Field, string Message);

/// <summary>Worker to host, as each activation stage starts: a worker that ends or hangs is reported at the stage it reached.</summary>
internal sealed record StageStarted(PluginStage Stage);
