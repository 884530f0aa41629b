using Flows.Contracts;

namespace Flows.Plugins.PostgreSql.Validation;

/// <summary>
/// The last line of defence: whatever a result says, no secret the user typed may be in it.
/// Messages are built from fixed wording, but they do name the host, user and database the user
/// typed, and a password pasted into the wrong field must not come back.
/// </summary>
internal sealed class SecretScrubber
{
    private const string Mask = "•••";
    private readonly string[] _secrets;

    public SecretScrubber(params IEnumerable<string?> secrets)
    {
        // Very short values would mask ordinary words and are not worth hiding.
        _secrets = [.. secrets.OfType<string>().Where(s => s.Length >= 4).Distinct().OrderByDescending(s => s.Length)];
    }

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public AccountValidationResult Scrub(AccountValidationResult result) => result.Outcome switch
    {
        AccountValidationOutcome.Valid => AccountValidationResult.Valid(Scrub(result.IdentitySummary!), [.. result.Warnings.Select(Scrub)]),
        AccountValidationOutcome.Invalid => AccountValidationResult.Invalid(
            Scrub(result.Message),
            [.. result.FieldErrors.Select(e => e with { Message = Scrub(e.Message) })]),
        _ => AccountValidationResult.Unavailable(Scrub(result.Message)),
    };
}
