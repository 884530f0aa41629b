namespace Flows.Contracts;

/// <summary>What a validator concluded about an account.</summary>
public enum AccountValidationOutcome
{
    /// <summary>The credentials work; <see cref="AccountValidationResult.IdentitySummary"/> says whose they are.</summary>
    Valid,

    /// <summary>The credentials do not work; the user has to change something.</summary>
    Invalid,

    /// <summary>The service could not give an answer now (rate limit, maintenance, network); try later.</summary>
    Unavailable,
}

/// <summary>A problem with one field of the account form.</summary>
/// <param name="Field">The schema property name of the field, e.g. <c>securityToken</c>.</param>
/// <param name="Message">What is wrong, in words the user understands. Never contains a secret value.</param>
public sealed record AccountFieldError(string Field, string Message);

/// <summary>
/// The structured result of <see cref="IAccountValidator.ValidateAsync"/>. Create one with
/// <see cref="Valid"/>, <see cref="Invalid"/> or <see cref="Unavailable"/>.
/// </summary>
public sealed class AccountValidationResult
{
    private AccountValidationResult(
        AccountValidationOutcome outcome,
        string message,
        string? identitySummary,
        IReadOnlyList<AccountFieldError> fieldErrors,
        IReadOnlyList<string> warnings)
    {
        Outcome = outcome;
        Message = message;
        IdentitySummary = identitySummary;
        FieldErrors = fieldErrors;
        Warnings = warnings;
    }

    /// <summary>Valid, invalid or temporarily unavailable.</summary>
    public AccountValidationOutcome Outcome { get; }

    /// <summary>One sentence for the user.</summary>
    public string Message { get; }

    /// <summary>For a valid account, whose account it is, e.g. "user@x.com on Acme (sandbox)".</summary>
    public string? IdentitySummary { get; }

    /// <summary>The fields the user should fix; empty when no single field is to blame.</summary>
    public IReadOnlyList<AccountFieldError> FieldErrors { get; }

    /// <summary>Things worth telling the user even though the outcome stands (e.g. a sandbox mismatch).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The account works.</summary>
    /// <param name="identitySummary">Whose account it is, e.g. "user@x.com on Acme (sandbox)".</param>
    /// <param name="warnings">Optional remarks that do not change the verdict.</param>
    public static AccountValidationResult Valid(string identitySummary, params IReadOnlyList<string> warnings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identitySummary);
        return new(AccountValidationOutcome.Valid, $"Connected as {identitySummary}.", identitySummary, [], warnings);
    }

    /// <summary>The account does not work; <paramref name="fieldErrors"/> blame fields where that is clear.</summary>
    public static AccountValidationResult Invalid(string message, params IReadOnlyList<AccountFieldError> fieldErrors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(AccountValidationOutcome.Invalid, message, null, fieldErrors, []);
    }

    /// <summary>No verdict could be reached now; the user should try again later.</summary>
    public static AccountValidationResult Unavailable(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(AccountValidationOutcome.Unavailable, message, null, [], []);
    }
}
