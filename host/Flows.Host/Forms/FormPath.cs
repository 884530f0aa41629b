using System.Text;

namespace Flows.Host.Forms;

/// <summary>
/// Flat field names for form posts: <c>proxy.port</c>, <c>servers[0].host</c>, <c>auth@1.token</c>.
/// Property names are escaped so that any name (dots, brackets, '@', spaces, unicode) is safe.
/// </summary>
public static class FormPath
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("~.[]@!$");

    /// <summary>The post name of an account's label, which the host asks for every account type (no schema property can escape to it).</summary>
    public const string Label = "$label";

    /// <summary>The post name of a schema that cannot become a form at all: the whole account as JSON text.</summary>
    public const string WholeDocument = "$json";

    /// <summary>The post name of the variant chooser of a variant field at <paramref name="path"/>.</summary>
    public static string VariantSelector(string path) => path + "@";

    /// <summary>The post name of the "clear this secret" checkbox of a secret field.</summary>
    public static string ClearSecret(string path) => path + "!clear";

    public static string Property(string parent, string name) =>
        parent.Length == 0 ? Escape(name) : $"{parent}.{Escape(name)}";

    public static string ListItemTemplate(string list) => list + "[]";

    public static string ListItem(string list, int index) => $"{list}[{index}]";

    public static string VariantRoot(string variant, int option) => $"{variant}@{option}";

    /// <summary>Child of a variant option root: <c>auth@1</c> + <c>token</c> = <c>auth@1.token</c>.</summary>
    public static string InVariant(string variantRoot, string name) => $"{variantRoot}.{Escape(name)}";

    /// <summary>Replaces the template prefix of <paramref name="path"/> with a concrete one (list rows).</summary>
    public static string Rebase(string path, string templatePrefix, string concretePrefix) =>
        path.StartsWith(templatePrefix, StringComparison.Ordinal) ? concretePrefix + path[templatePrefix.Length..] : path;

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

    /// <summary>JSON Pointer of a property below <paramref name="parent"/>.</summary>
    public static string PointerProperty(string parent, string name) =>
        $"{parent}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
}
