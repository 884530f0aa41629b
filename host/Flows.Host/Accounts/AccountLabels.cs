using System.Globalization;
using System.Text;

namespace Flows.Host.Accounts;

/// <summary>
/// What a label may be, and when two labels are the same. Labels are shown in dropdowns, lists and
/// terminals, so one that looks like another, or that can rewrite what is printed around it, is
/// refused rather than stored.
/// </summary>
public static class AccountLabels
{
    /// <summary>The most characters (Unicode code points, after compatibility normalisation) a label may have.</summary>
    public const int MaxLength = 100;

    // Without ICU (InvariantGlobalization) .NET's normalisation silently returns its input unchanged.
    private static readonly bool NormalisationWorks = "e\u0301".Normalize(NormalizationForm.FormKC) == "\u00e9";

    /// <summary>Why <paramref name="label"/> cannot be an account's label, in words for the user; null when it can.</summary>
    public static string? Problem(string? label)
    {
        var trimmed = label?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "Label is required.";
        }

        // Looked for before trimming too: a line break or NEL at either end is refused, not silently dropped.
        var position = 0;
        foreach (var rune in label!.EnumerateRunes())
        {
            position++;
            if (Rune.IsControl(rune))
            {
                return $"Label must not contain control characters such as tabs, line breaks or NUL (found U+{rune.Value:X4} at character {position}). Use a single line of visible text.";
            }

            if (IsBidiControl(rune.Value))
            {
                return $"Label must not contain invisible text-direction controls, which can make it display as something else (found U+{rune.Value:X4} at character {position}). Type the label without them.";
            }
        }

        var length = Normalise(trimmed).EnumerateRunes().Count();
        return length > MaxLength
            ? string.Create(CultureInfo.InvariantCulture, $"Label must be at most {MaxLength} characters (this one has {length:N0}). Choose a shorter name.")
            : null;
    }

    /// <summary>The label as stored: trimmed and in canonical form (NFC), so the same text is always stored the same way.</summary>
    /// <exception cref="ArgumentException">The label breaks the rules of <see cref="Problem"/>.</exception>
    public static string Clean(string? label)
    {
        if (Problem(label) is { } problem)
        {
            throw new ArgumentException(problem, nameof(label));
        }

        return label!.Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// What makes two labels the same: compatibility-normalised (NFKC, so "Ｓａｌｅｓ" is "Sales" and
    /// "Cafe\u0301" is "Café") and case-insensitive.
    /// </summary>
    public static string Key(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return Normalise(label.Trim()).ToUpperInvariant();
    }

    /// <summary>Whether two labels name the same account.</summary>
    public static bool Same(string first, string second) => string.Equals(Key(first), Key(second), StringComparison.Ordinal);

    private static string Normalise(string text) =>
        NormalisationWorks
            ? text.Normalize(NormalizationForm.FormKC)
            : throw new InvalidOperationException(
                "Account labels need Unicode normalisation, which this process does not have: it runs with InvariantGlobalization. " +
                "Turn InvariantGlobalization off for the program that hosts Flows (ICU, libicu, must be installed).");

    private static bool IsBidiControl(int codePoint) =>
        codePoint is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C;
}
