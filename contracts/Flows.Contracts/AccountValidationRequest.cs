using System.Text.Json;

namespace Flows.Contracts;

/// <summary>The values of one account, already checked against the account type's schema.</summary>
public sealed class AccountValidationRequest
{
    /// <summary>Creates a request for <paramref name="accountTypeId"/> with the account's values.</summary>
    /// <param name="accountTypeId">The account type being validated.</param>
    /// <param name="values">The account instance: a JSON object shaped by the account schema.</param>
    public AccountValidationRequest(string accountTypeId, JsonElement values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountTypeId);
        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("Account values must be a JSON object.", nameof(values));
        }

        AccountTypeId = accountTypeId;
        Values = values;
    }

    /// <summary>The account type being validated.</summary>
    public string AccountTypeId { get; }

    /// <summary>The account instance as a JSON object.</summary>
    public JsonElement Values { get; }

    /// <summary>
    /// For an account type that signs in with OAuth (declared in plugin.json): the access token and
    /// the provider's answer the host obtained for this check; <see langword="null"/> otherwise.
    /// </summary>
    public AccountAuthorization? Authorization { get; init; }

    /// <summary>The string value of a top-level field, or <see langword="null"/> when absent or not a string.</summary>
    public string? GetString(string field) =>
        Values.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The boolean value of a top-level field, or <paramref name="fallback"/> when absent or not a boolean.</summary>
    public bool GetBoolean(string field, bool fallback = false) =>
        Values.TryGetProperty(field, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : fallback;
}
