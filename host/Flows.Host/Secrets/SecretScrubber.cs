using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flows.Contracts;

namespace Flows.Host.Secrets;

/// <summary>
/// Masks secret values in text a plugin hands back: validator results and log lines. A value is
/// masked as typed and as it reads once JSON-escaped or URL-encoded (a connector may quote a request
/// body or a URL), longest first, so a password+token pasted together is masked before its parts.
/// </summary>
/// <remarks>
/// Values shorter than <see cref="MinimumLength"/> characters are left alone: so short a value is
/// often an ordinary word or number that messages use themselves (a key "wrong" would turn "API key
/// is wrong" into "API key is •••", a PIN "5432" every port number), masking it would wreck
/// messages, and a secret that short is guessed faster than it is read from a log.
/// </remarks>
public sealed class SecretScrubber
{
    /// <summary>What stands in for a secret.</summary>
    public const string Mask = "•••";

    /// <summary>The shortest value that is masked.</summary>
    public const int MinimumLength = 6;

    // A line of a multi-line secret (a PEM key's body) quoted alone is still a leak; short lines and
    // the PEM armour lines ("-----BEGIN PRIVATE KEY-----") are not secret.
    private const int MinimumLineLength = 16;

    private static readonly JavaScriptEncoder RelaxedJson = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly string[] _spellings;

    /// <summary>Masks <paramref name="secrets"/> (null and short values are ignored).</summary>
    public SecretScrubber(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _spellings = [.. secrets
            .OfType<string>()
            .SelectMany(Parts)
            .SelectMany(Spellings)
            .Where(s => s.Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal)];
    }

    /// <summary>A scrubber that masks nothing.</summary>
    public static SecretScrubber None { get; } = new([]);

    /// <summary>Whether there is nothing to mask.</summary>
    public bool IsEmpty => _spellings.Length == 0;

    /// <summary>Whether <paramref name="text"/> holds a secret in any of its spellings.</summary>
    public bool Reveals(string? text) =>
        text is not null && _spellings.Any(s => text.Contains(s, StringComparison.Ordinal));

    /// <summary><paramref name="text"/> with every secret masked.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var spelling in _spellings)
        {
            text = text.Replace(spelling, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>A log entry's arguments with every secret masked; an argument that held one becomes its masked text.</summary>
    public object?[] Scrub(object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (IsEmpty)
        {
            return args;
        }

        var scrubbed = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            // Anything may render as a secret (a Uri, an exception); numbers and the like stay typed when they do not.
            var text = args[i] is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : args[i]?.ToString();
            scrubbed[i] = Reveals(text) ? Scrub(text!) : args[i];
        }

        return scrubbed;
    }

    /// <summary>The result with its message, field errors, warnings and identity summary masked.</summary>
    public AccountValidationResult Scrub(AccountValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (IsEmpty)
        {
            return result;
        }

        return result.Outcome switch
        {
            AccountValidationOutcome.Valid => AccountValidationResult.Valid(Scrub(result.IdentitySummary!), [.. result.Warnings.Select(Scrub)]),
            AccountValidationOutcome.Invalid => AccountValidationResult.Invalid(
                Scrub(result.Message),
                [.. result.FieldErrors.Select(e => e with { Message = Scrub(e.Message) })]),
            _ => AccountValidationResult.Unavailable(Scrub(result.Message)),
        };
    }

    private static IEnumerable<string> Parts(string secret)
    {
        yield return secret;
        yield return secret.Trim();
        if (secret.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in secret.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length >= MinimumLineLength && !line.StartsWith("-----", StringComparison.Ordinal))
                {
                    yield return line;
                }
            }
        }
    }

    private static IEnumerable<string> Spellings(string value)
    {
        yield return value;
        yield return JsonEncodedText.Encode(value).ToString();
        yield return JsonEncodedText.Encode(value, RelaxedJson).ToString();
        yield return Uri.EscapeDataString(value);
        yield return WebUtility.UrlEncode(value);
    }
}
