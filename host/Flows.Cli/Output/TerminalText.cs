using System.Text;
using Spectre.Console;

namespace Flows.Cli.Output;

/// <summary>
/// Text from plugins, schemas and users on its way to the terminal: control characters (escape
/// sequences above all) are replaced, so such text can neither move the cursor nor recolour the
/// screen; <see cref="Markup"/> also escapes Spectre markup.
/// </summary>
internal static class TerminalText
{
    public static string Plain(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(IsUnsafe(c) ? '�' : c);
        }

        return builder.ToString();
    }

    public static string Markup(string text) => Spectre.Console.Markup.Escape(Plain(text));

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not '\n' and not '\t';
}
