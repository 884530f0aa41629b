using System.Globalization;
using System.Text;

namespace Flows.Forms.Terminal;

/// <summary>
/// Text from schemas, stored values and users on its way to the terminal. Characters that
/// could move the cursor, recolour the screen, start a line that looks like the program's own, or reorder
/// what is shown (control characters, CR and LF, NUL, bidirectional overrides, line separators,
/// halves of surrogate pairs) are shown as escapes such as <c>\n</c> or <c>\u202E</c>, so what
/// the terminal shows is what is stored. <see cref="Markup"/> also escapes Spectre markup, and
/// <see cref="Json"/> does the same for JSON text, where the serializer leaves bidirectional
/// controls and separators as they are.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character shown as an escape, for plain-text output (<c>Text</c>, a writer).</summary>
    /// <param name="text">Any text; never interpreted.</param>
    /// <returns>The text as it may be written to a terminal.</returns>
    public static string Plain(string text) => Escaped(text, Escape);

    /// <summary>As <see cref="Plain"/>, with Spectre.Console markup escaped too, for markup strings (prompt titles, <c>MarkupLine</c>).</summary>
    /// <param name="text">Any text; never interpreted as markup.</param>
    /// <returns>The text as it may be placed inside Spectre.Console markup.</returns>
    public static string Markup(string text) => Spectre.Console.Markup.Escape(Plain(text));

    /// <summary>
    /// Serialized JSON with the same characters as <c>\uXXXX</c> escapes: they can only stand inside
    /// its strings, where the escape means the very same character, so the JSON is unchanged for a reader.
    /// Line breaks and tabs are kept: outside strings they are the indentation, and inside strings the
    /// serializer has escaped them already.
    /// </summary>
    /// <param name="json">Serialized JSON.</param>
    /// <returns>The same JSON, safe to write to a terminal.</returns>
    public static string Json(string json) => Escaped(json, c => c is '\n' or '\r' or '\t' ? c.ToString() : JsonEscape(c));

    private static string Escaped(string text, Func<char, string> escape)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(text, i))
            {
                builder.Append(escape(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(string text, int i)
    {
        var c = text[i];
        if (char.IsSurrogate(c))
        {
            // Only a pair stands for a character; a lone half is garbage the terminal may show as anything.
            return char.IsHighSurrogate(c)
                ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
                : i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }

        return char.IsControl(c) || IsBidiControl(c) || c is '\u2028' or '\u2029';
    }

    // Marks and embeddings, overrides and isolates: invisible, and they reorder the text around them.
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\0' => "\\0",
        _ => JsonEscape(c),
    };

    private static string JsonEscape(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
