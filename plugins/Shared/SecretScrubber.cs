using Flows.Contracts;

namespace Flows.Plugins.Shared;

/// <summary>
/// The last line of defence: whatever a result says, no secret the user typed may be in it. Messages
/// are built from fixed wording, but they name what the user typed (a host, a user) and identity
/// fields come from the server, which can echo input. Compiled into each bundled connector (a
/// plugin shares nothing with another but the contracts).
/// </summary>
internal sealed class SecretScrubber
{
    private const string Mask = "•••";
    private readonly string[] _secrets;

    public SecretScrubber(params IEnumerable<string?> secrets)
    {
        // Longest first, so a combined password+token is masked before its parts; very short values
        // would mask ordinary words and are not worth hiding.
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
