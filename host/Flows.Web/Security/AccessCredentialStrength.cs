namespace Flows.Web.Security;

/// <summary>
/// Whether an access credential is hard enough to guess: an estimate of at least 128 bits, taken as
/// its length times the bits per character of the character classes it uses, with repetition and
/// a small set of distinct characters counted against it. A random credential passes easily
/// (22 base64 characters make 132 bits); a word, a pattern or one key held down does not.
/// </summary>
internal static class AccessCredentialStrength
{
    /// <summary>The least estimated entropy accepted, in bits.</summary>
    public const int MinimumBits = 128;

    /// <summary>Said wherever a credential is asked for.</summary>
    public const string HowToMakeOne = "make one with: openssl rand -base64 32";

    // Fewer different characters than this is a pattern, not a random string: 32 random hex
    // digits use about 14, 22 random base64 characters about 19.
    private const int MinimumDistinctCharacters = 10;

    /// <summary>Why <paramref name="credential"/> is too weak, in a sentence; null when it is strong enough.</summary>
    public static string? Problem(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var variable = Hosting.FlowsWebOptions.AccessTokenVariable;
        var distinct = credential.Distinct().Count();
        var bits = EstimatedBits(credential);
        string? reason = null;
        if (distinct < MinimumDistinctCharacters)
        {
            reason = $"it uses only {distinct} different character{(distinct == 1 ? string.Empty : "s")}";
        }
        else if (bits < MinimumBits)
        {
            reason = UnrepeatedLength(credential) < credential.Length
                ? "it repeats itself"
                : $"it is worth about {bits:0} bits, and at least {MinimumBits} are needed";
        }

        return reason is null
            ? null
            : $"{variable} is too easy to guess: {reason}. Use a long random value ({HowToMakeOne}).";
    }

    /// <summary>Length (of the part that does not repeat) × log2 of the alphabet of the classes used.</summary>
    public static double EstimatedBits(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.Length == 0)
        {
            return 0;
        }

        var alphabet = 0;
        alphabet += credential.Any(char.IsAsciiLetterLower) ? 26 : 0;
        alphabet += credential.Any(char.IsAsciiLetterUpper) ? 26 : 0;
        alphabet += credential.Any(char.IsAsciiDigit) ? 10 : 0;
        alphabet += credential.Any(c => char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c)) ? 33 : 0;
        // Other scripts are counted as one more letter class: generous, but a guesser's word list covers them too.
        alphabet += credential.Any(c => !char.IsAscii(c)) ? 26 : 0;
        return UnrepeatedLength(credential) * Math.Log2(alphabet);
    }

    // The length of the shortest prefix that, repeated at least twice, makes the whole
    // ("abcabcab" -> 3); the whole length when there is none.
    private static int UnrepeatedLength(string text)
    {
        // Knuth–Morris–Pratt failure function: the longest proper border gives the period.
        var border = new int[text.Length];
        for (int i = 1, k = 0; i < text.Length; i++)
        {
            while (k > 0 && text[i] != text[k])
            {
                k = border[k - 1];
            }

            if (text[i] == text[k])
            {
                k++;
            }

            border[i] = k;
        }

        var period = text.Length - border[^1];
        return period * 2 <= text.Length ? period : text.Length;
    }
}
