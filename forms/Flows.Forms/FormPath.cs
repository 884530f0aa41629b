using System.Text;

namespace Flows.Forms;

/// <summary>
/// Flat field names for form posts: <c>proxy.port</c>, <c>servers[0].host</c>, <c>auth@1.token</c>.
/// Property names are escaped so that any name (dots, brackets, '@', spaces, unicode) is safe.
/// </summary>
public static partial class FormPath
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("~.[]@!$");

    /// <summary>A post name no schema property can take, for a host's own field next to the schema's (Flows asks an account's label there).</summary>
    public const string Label = "$label";

    /// <summary>The post name of a schema that cannot become a form at all: the whole document as JSON text.</summary>
    public const string WholeDocument = "$json";

    /// <summary>The post name of the variant chooser of a variant field at <paramref name="path"/>.</summary>
    public static string VariantSelector(string path) => path + "@";

    /// <summary>The post name of the "clear this secret" checkbox of a secret field.</summary>
    public static string ClearSecret(string path) => path + "!clear";

    /// <summary>The post name of property <paramref name="name"/> (escaped) of the object at <paramref name="parent"/>: <c>proxy</c> + <c>port</c> = <c>proxy.port</c>.</summary>
    /// <param name="parent">The object's post name; empty for the top level.</param>
    /// <param name="name">The property name, as in the JSON.</param>
    public static string Property(string parent, string name) =>
        parent.Length == 0 ? Escape(name) : $"{parent}.{Escape(name)}";

    /// <summary>The post name of the row template of the list at <paramref name="list"/>: <c>servers[]</c>.</summary>
    public static string ListItemTemplate(string list) => list + "[]";

    /// <summary>A post name with its row numbers taken out, the path of its field in the model: <c>servers[2].host</c> is <c>servers[].host</c>.</summary>
    public static string Template(string name) => RowNumbers().Replace(name, "[]");

    /// <summary>
    /// Whether post name <paramref name="name"/> is <paramref name="path"/> itself or below it: a property,
    /// a row, an option, or its "clear" box.
    /// </summary>
    public static bool IsAtOrUnder(string name, string path) =>
        name.StartsWith(path, StringComparison.Ordinal)
            && (name.Length == path.Length || name[path.Length] is '.' or '[' or '@' or '!');

    /// <summary>The post name of row <paramref name="index"/> of the list at <paramref name="list"/>: <c>servers[2]</c>.</summary>
    public static string ListItem(string list, int index) => $"{list}[{index}]";

    /// <summary>The post name under which option <paramref name="option"/> of the variant field at <paramref name="variant"/> posts its fields: <c>auth@1</c>.</summary>
    public static string VariantRoot(string variant, int option) => $"{variant}@{option}";

    /// <summary>Child of a variant option root: <c>auth@1</c> + <c>token</c> = <c>auth@1.token</c>.</summary>
    public static string InVariant(string variantRoot, string name) => $"{variantRoot}.{Escape(name)}";

    /// <summary>Replaces the template prefix of <paramref name="path"/> with a concrete one (list rows).</summary>
    public static string Rebase(string path, string templatePrefix, string concretePrefix) =>
        path.StartsWith(templatePrefix, StringComparison.Ordinal) ? concretePrefix + path[templatePrefix.Length..] : path;

    /// <summary>
    /// A property name made safe as one segment of a post name: <c>~</c>, <c>.</c>, <c>[</c>, <c>]</c>,
    /// <c>@</c>, <c>!</c> and <c>$</c> become <c>~0</c> to <c>~6</c>, and the empty name <c>~7</c>
    /// (the reverse of <see cref="Unescape"/>).
    /// </summary>
    public static string Escape(string name)
    {
        if (name.Length == 0)
        {
            // An empty property name is legal JSON; it must not look like the top level.
            return "~7";
        }

        if (name.AsSpan().IndexOfAny(Special) < 0)
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            builder.Append(c switch
            {
                '~' => "~0",
                '.' => "~1",
                '[' => "~2",
                ']' => "~3",
                '@' => "~4",
                '!' => "~5",
                '$' => "~6",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// The JSON Pointer, in the form's values, of the value a post name stands for:
    /// <c>servers[0].host</c> is <c>/servers/0/host</c>, <c>auth@1.token</c> is <c>/auth/token</c>
    /// (a variant's fields live in the variant's own object), <c>auth@</c> (the variant chooser) is
    /// <c>/auth</c>, <c>apiKey!clear</c> is <c>/apiKey</c>, <see cref="WholeDocument"/> is the whole
    /// document (<c>""</c>) and a list's item template <c>[]</c> is <c>-</c>. <see cref="Label"/> is not
    /// part of the values: <see langword="null"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a post name (an unclosed <c>[</c>).</exception>
    public static string? ToPointer(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == Label)
        {
            return null;
        }

        if (path == WholeDocument)
        {
            return string.Empty;
        }

        var name = path.EndsWith(ClearSecret(string.Empty), StringComparison.Ordinal) ? path[..^ClearSecret(string.Empty).Length] : path;
        name = name.EndsWith('@') ? name[..^1] : name;
        var pointer = new StringBuilder(name.Length + 8);
        var at = 0;
        while (at < name.Length)
        {
            switch (name[at])
            {
                case '.':
                    at++;
                    break;
                case '[':
                    var end = name.IndexOf(']', at);
                    if (end < 0)
                    {
                        throw new ArgumentException($"'{path}' is not a form post name: '[' is not closed.", nameof(path));
                    }

                    pointer.Append('/').Append(end == at + 1 ? "-" : name[(at + 1)..end]);
                    at = end + 1;
                    break;
                case '@':
                    // A variant option root adds no level: its fields belong to the variant's object.
                    at++;
                    while (at < name.Length && char.IsAsciiDigit(name[at]))
                    {
                        at++;
                    }

                    break;
                default:
                    var start = at;
                    while (at < name.Length && name[at] is not ('.' or '[' or '@'))
                    {
                        at++;
                    }

                    pointer.Append(PointerProperty(string.Empty, Unescape(name[start..at])));
                    break;
            }
        }

        return pointer.ToString();
    }

    /// <summary>The property name an escaped post-name segment stands for (the reverse of <see cref="Escape"/>).</summary>
    public static string Unescape(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment == "~7")
        {
            return string.Empty;
        }

        if (!segment.Contains('~', StringComparison.Ordinal))
        {
            return segment;
        }

        var builder = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '~' && i + 1 < segment.Length && segment[i + 1] is >= '0' and <= '6')
            {
                builder.Append("~.[]@!$"[segment[i + 1] - '0']);
                i++;
            }
            else
            {
                builder.Append(segment[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>JSON Pointer of a property below <paramref name="parent"/>.</summary>
    public static string PointerProperty(string parent, string name) => JsonPointers.Property(parent, name);

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[0-9]+\]")]
    private static partial System.Text.RegularExpressions.Regex RowNumbers();
}
